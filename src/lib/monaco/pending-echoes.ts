/**
 * The texts an editor handed on (its `onChange`) that have not come back yet as its `value`.
 *
 * A controlled editor's text travels through the form and returns one render later, and a render
 * can show an older hand-on after a newer one was made: typing in the 100 MB pack's values.yaml
 * while its check kept the page busy, the editor got back the text of its 20th hand-on after the
 * 22nd (`npm run bench -- browser`, 2026-11-28). Taken for a change from outside, that value
 * replaced the model and the keys typed since were lost ("packsmh" for "packsmith"). A value that
 * is one of these texts is the editor's own past, never a reason to replace what it holds.
 */
export class PendingEchoes {
  #texts: string[] = [];

  /** The editor handed on `text`. */
  sent(text: string): void {
    this.#texts.push(text);
  }

  /**
   * `value` came back: true when the editor handed it on (it and every older text are then
   * settled; the newer ones are still to come), false when it is a change from outside.
   */
  settle(value: string): boolean {
    // Values come back in the order they were sent, so the first equal text is the one coming
    // back: a later equal one (a key typed, then Backspace) is still to come, and the texts between
    // them too. The same string comes back (the form keeps it): compared by reference first, or
    // by a length that differs, so a 1 MB text costs nothing per check.
    const i = this.#texts.indexOf(value);
    if (i < 0) return false;
    this.#texts.splice(0, i + 1);
    return true;
  }

  /** The text was replaced from outside, or the model changed: nothing sent is awaited. */
  clear(): void {
    this.#texts = [];
  }
}
