/** Money is handled in fen (integer cents) so percentages and caps never suffer float error. */
export type Fen = number;

export const yuanToFen = (yuan: number): Fen => Math.round(yuan * 100);

/** "199.00" (Taobao's decimal strings) → 19900. */
export function parseYuan(text: string): Fen {
  if (!/^\d+(\.\d{1,2})?$/.test(text)) throw new Error(`not a yuan amount: ${JSON.stringify(text)}`);
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** `percent` of `amount`, rounded half up to the fen. */
export const percentOf = (amount: Fen, percent: number): Fen => Math.round((amount * percent) / 100);
