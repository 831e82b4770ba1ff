/**
 * The projector plugin's `projector_config.pbtxt`, as Keras 3's TensorBoard
 * writes it (`_configure_embeddings`): one `embeddings` entry per Embedding
 * layer, in protobuf text format (`text_format.MessageToString` of a
 * `ProjectorConfig`: EmbeddingInfo { string tensor_name = 1; string metadata_path = 2; }).
 */

/**
 * The tensor name Keras writes for every Embedding layer. Keras 3 assumes the
 * embedding is the model's first weighted layer ("Embeddings are always the
 * first layer"), so every entry carries the same name; we write what it writes.
 */
export const KERAS_EMBEDDING_TENSOR_NAME = 'layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE';

export interface ProjectorEmbedding {
  tensorName: string;
  metadataPath?: string;
}

/** A string in text format: C escapes for quotes, backslashes and control characters, UTF-8 bytes as octal. */
function quote(value: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(value)) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** The text-format `ProjectorConfig`: empty for no embeddings, as protobuf writes an empty message. */
export function projectorConfigText(embeddings: readonly ProjectorEmbedding[]): string {
  return embeddings
    .map((embedding) => {
      const lines = [`  tensor_name: ${quote(embedding.tensorName)}`];
      if (embedding.metadataPath !== undefined) lines.push(`  metadata_path: ${quote(embedding.metadataPath)}`);
      return `embeddings {\n${lines.join('\n')}\n}\n`;
    })
    .join('');
}
