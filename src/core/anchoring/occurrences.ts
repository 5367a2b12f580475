/**
 * How often a stored text occurs exactly in a document: once (and where), never, or more than once.
 * Re-anchoring asks this of many annotations, often of the same text (an entity tagged ten times);
 * each distinct text is looked up in the whole document once.
 */

/** No exact occurrence. */
const NONE = -1;
/** More than one exact occurrence. */
const SEVERAL = -2;

/** The exact occurrences of texts in one document, each distinct text counted once (up to two). */
export class Occurrences {
  private readonly known = new Map<string, number>();

  constructor(private readonly text: string) {}

  /**
   * The offset (UTF-16) of the only exact occurrence of `part`; -1 when there is none or more than one
   * (an empty part has none).
   */
  only(part: string): number {
    const at = this.lookUp(part);
    return at >= 0 ? at : NONE;
  }

  /** Whether `part` occurs exactly more than once. */
  repeated(part: string): boolean {
    return this.lookUp(part) === SEVERAL;
  }

  private lookUp(part: string): number {
    let at = this.known.get(part);
    if (at === undefined) {
      const first = part.length === 0 ? NONE : this.text.indexOf(part);
      at = first < 0 ? NONE : this.text.indexOf(part, first + 1) < 0 ? first : SEVERAL;
      this.known.set(part, at);
    }
    return at;
  }
}
