// A `.txt` import is a Text module in the Worker bundle (wrangler's default module rules).
declare module '*.txt' {
  const text: string;
  export default text;
}
