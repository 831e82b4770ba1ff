export { Attention } from './attention';
export type { AttentionArgs, AttentionCallOptions } from './attention';
export { AdditiveAttention } from './additive-attention';
export type { AdditiveAttentionArgs } from './additive-attention';
export { MultiHeadAttention } from './multi-head-attention';
export type { MultiHeadAttentionArgs, MultiHeadAttentionCallOptions } from './multi-head-attention';
export { GroupQueryAttention } from './grouped-query-attention';
export type { GroupQueryAttentionArgs, GroupQueryAttentionCallOptions } from './grouped-query-attention';
