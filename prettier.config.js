// @ts-check
// Options chosen to match the code as it was written before Prettier came in, so that the one-off
// reformat stays small: single quotes, semicolons, trailing commas, and 140 columns (the code often
// runs past 120; at 140 the web app and the client change least, and only the longest BFF lines break).

/** @type {import('prettier').Config} */
export default {
  printWidth: 140,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  // The dev IdP's pages and the fakes' answers are HTML in tagged templates: their text is what the
  // tests (and the quirks) pin down, byte for byte, so Prettier must not reformat it.
  embeddedLanguageFormatting: 'off',
};
