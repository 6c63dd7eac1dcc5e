/**
 * The Office.js layer held to the published API: every Excel member the code uses is in the table
 * generated from @types/office-js, and every one newer than ExcelApi 1.1 is behind a capability.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { excelMembersUsed } from './api-usage';
import { API_SETS, requiredVersion } from '../fixtures/api-sets';
import { CAPABILITY_MEMBERS } from '../../src/excel/capability-members';
import { capabilityVersion } from '../../src/excel/capabilities';
import { capabilityVersionsModule, parseApiSet } from '../../scripts/api-sets';

const uses = excelMembersUsed();
const guarded = new Set<string>(Object.values(CAPABILITY_MEMBERS).flat());

test('the code uses only Excel members that @types/office-js documents, each with its ExcelApi version', () => {
  expect(uses.length).toBeGreaterThan(40);
  const missing = uses.filter((u) => !(u.member in API_SETS.members)).map((u) => `${u.member} (${u.at})`);
  expect(missing).toEqual([]);
  const listed = new Map(uses.map((u) => [`${u.member}${u.write ? ' =' : ''}`, requiredVersion(u.member, u.write ? 'write' : 'read')]));
  // The members behind the four failures, as the published API gives them.
  expect(listed.get('Worksheet.getRangeByIndexes')).toBe('1.7');
  expect(listed.get('Worksheet.visibility =')).toBe('1.2');
  expect(listed.get('RangeFormat.autofitColumns')).toBe('1.2');
  expect(listed.get('Worksheet.delete')).toBe('1.1');
});

test('every member newer than ExcelApi 1.1 that the code uses is behind a capability check', () => {
  const unguarded = uses
    .filter((u) => requiredVersion(u.member, u.write ? 'write' : 'read') !== '1.1')
    .filter((u) => !guarded.has(u.write && guarded.has(`${u.member}:write`) ? `${u.member}:write` : u.member))
    .map((u) => `${u.member}${u.write ? ' (set)' : ''} needs ExcelApi ${requiredVersion(u.member, u.write ? 'write' : 'read')} (${u.at})`);
  expect(unguarded).toEqual([]);
});

test('capabilities take their versions from the published API; the generated module is current', () => {
  const generated = readFileSync(path.resolve(__dirname, '../../src/excel/api-versions.ts'), 'utf8');
  expect(generated).toBe(capabilityVersionsModule(API_SETS));
  expect(capabilityVersion('rangeByIndexes')).toBe('1.7');
  expect(capabilityVersion('sheetVisibility')).toBe('1.2');
  expect(capabilityVersion('conditionalFormats')).toBe('1.6');
  expect(capabilityVersion('mergedAreas')).toBe('1.13');
  // No version literal next to an API call: capabilities.ts has none at all but the base set.
  const caps = readFileSync(path.resolve(__dirname, '../../src/excel/capabilities.ts'), 'utf8');
  expect(caps.match(/'1\.\d+'/g) ?? []).toEqual(["'1.1'"]);
});

test('the table reads the tags as @types/office-js writes them', () => {
  expect(parseApiSet('ExcelApi 1.7')).toBe('1.7');
  expect(parseApiSet('ExcelApi 1.1 for reading visibility; 1.2 for setting it.')).toEqual({ read: '1.1', write: '1.2' });
  expect(parseApiSet('ExcelApi 1.1 for get, 1.8 for set')).toEqual({ read: '1.1', write: '1.8' });
  expect(parseApiSet('ExcelApi 1.1 for String,Integer,Double,Boolean,Range,Error; 1.7 for Array')).toBe('1.1');
  expect(parseApiSet('ExcelApiDesktop 1.1')).toEqual({ set: 'ExcelApiDesktop', version: '1.1' });
  expect(parseApiSet('WordApi 1.3')).toBeNull();
  expect(API_SETS.members['Worksheet.visibility']).toEqual({ read: '1.1', write: '1.2' });
  expect(API_SETS.source).toBe(
    `@types/office-js ${JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).devDependencies['@types/office-js']}`,
  );
});
