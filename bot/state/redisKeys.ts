/**
 * Redis key layout. A key's whole logical name is its hash tag, so every key derived from one
 * logical name (a conversation's state and its turn lock) lands in the same Redis Cluster slot.
 */

/** Braces would end the hash tag early; percent-encode them (and % itself, to stay injective). */
function tagSafe(name: string): string {
  return name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function taggedKey(prefix: string, kind: string, name: string): string {
  return `${prefix}${kind}:{${tagSafe(name)}}`;
}

/**
 * The storage key botbuilder's ConversationState (empty namespace) uses for a conversation; the
 * turn lock is named after it so both share one hash tag. Checked against botbuilder in tests.
 */
export function conversationStateName(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}
