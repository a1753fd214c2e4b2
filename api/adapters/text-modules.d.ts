// A `.txt` import is a Text module in the Worker bundle (wrangler's default module rules).
declare module '*.txt' {
  const text: string;
  export default text;
}

// zxcvbn-ts's Finnish dictionary (api/domain/password-policy.ts): one file of the package, an array of words.
declare module '@zxcvbn-ts/language-fi/dist/commonWords.json.esm.js' {
  const words: string[];
  export default words;
}
