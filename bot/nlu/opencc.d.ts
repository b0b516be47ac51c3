// opencc-js ships no types; only the converter factory is used.
declare module 'opencc-js' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
