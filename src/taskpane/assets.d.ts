/** webpack inlines .xlsx files as data URLs (asset/inline). */
declare module '*.xlsx' {
  const dataUrl: string;
  export default dataUrl;
}
