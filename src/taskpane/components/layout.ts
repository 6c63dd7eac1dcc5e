import { makeStyles, tokens } from '@fluentui/react-components';

/** The layout every tab shares: a column of blocks, a result section, rows of controls. */
export const useTabLayout = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', alignItems: 'stretch', rowGap: tokens.spacingVerticalS },
  start: { alignSelf: 'flex-start' },
  para: { marginTop: 0, marginBottom: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  rowBottom: { alignItems: 'flex-end' },
  // Read by screen readers, not shown: the same words are on screen in the result below.
  liveOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  // A long file or unit name breaks anywhere rather than push the pane sideways (320 px).
  wrap: { overflowWrap: 'anywhere', minWidth: 0 },
});
