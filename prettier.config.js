'use strict';
/**
 * The Office add-in template's formatter settings (office-addin-prettier-config), with the three
 * choices this code base was already written in, so formatting once changed layout, not style:
 * single quotes, trailing commas wherever ES2020 allows them, and lines up to 140 characters (the
 * template's 100 would rewrap a third of the lines; tables of cells and messages read better long).
 */
const office = require('office-addin-prettier-config');

module.exports = { ...office, singleQuote: true, trailingComma: 'all', printWidth: 140 };
