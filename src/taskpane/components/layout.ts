import { makeStyles, tokens } from '@fluentui/react-components';

/** The layout every tab shares: a column of blocks, a result section, rows of controls. */
export const useTabLayout = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', alignItems: 'stretch', rowGap: tokens.spacingVerticalS },
  start: { alignSelf: 'flex-start' },
  para: { marginTop: 0, marginBottom: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  rowBottom: { alignItems: 'flex-end' },
});
