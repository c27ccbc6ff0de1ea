/**
 * Text from a server (names, status messages, reasons, URLs) on its way to a terminal: escape
 * sequences and control characters are removed, so a server cannot clear the screen, retitle the
 * window, write the clipboard (OSC 52) or fake a line (audit F-02); bidi overrides and invisible
 * format characters go too, so what is shown reads as it is stored. Long text is cut. `--json`
 * output never passes through here: it stays exact.
 */
const ESCAPE_SEQUENCES = [
  /\u001b\][\s\S]*?(?:\u0007|\u001b\\|$)/g, // OSC … BEL / ST (titles, hyperlinks, clipboard)
  /\u001b[P^_X][\s\S]*?(?:\u001b\\|$)/g, // DCS, PM, APC, SOS … ST
  /\u001b\[[0-?]*[ -/]*[@-~]?/g, // CSI (colours, cursor moves, erase)
  /\u009b[0-?]*[ -/]*[@-~]?/g, // 8-bit CSI
  /\u009d[\s\S]*?(?:\u0007|\u009c|$)/g, // 8-bit OSC
  /\u001b[ -/]*[0-~]?/g, // any other ESC sequence
];
// C0 and C1 controls (tab and newline included: a value is shown on its line), DEL, bidi
// embeddings/overrides/isolates, zero-width and other invisible format characters.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export const MAX_SHOWN_LENGTH = 200;

export function sanitiseForTerminal(text: string, maxLength = MAX_SHOWN_LENGTH): string {
  let clean = text;
  for (const pattern of ESCAPE_SEQUENCES) clean = clean.replace(pattern, '');
  clean = clean.replace(CONTROLS, '');
  const characters = [...clean];
  return characters.length > maxLength ? `${characters.slice(0, maxLength - 1).join('')}…` : clean;
}
