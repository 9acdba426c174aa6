/**
 * Text the API shows to people, written in every language it serves. A site writes both next to
 * each other, so neither can be left out (the compiler refuses a Message without one) and a
 * reader of the code sees what the official reads.
 *
 * Chinese as an official writes it (简洁、规范): what is wrong, then what to do, with the field,
 * code or value the client sent quoted as sent.
 */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

/** Several messages as one, in each language with its own separator. */
export function joinMessages(messages: readonly Message[]): Message {
  return { zh: messages.map((m) => m.zh).join('；'), en: messages.map((m) => m.en).join('; ') };
}
