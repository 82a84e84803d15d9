import child from '../../../../libs/rules/examples/calculate-child.json';
import dibao from '../../../../libs/rules/examples/calculate-dibao.json';
import illnessPoverty from '../../../../libs/rules/examples/calculate-illness-poverty-uninsured.json';

/** The worked examples of libs/rules/README.md: what a draft does to money, when no inputs are given. */
export const PREVIEW_SAMPLES: { label: string; input: unknown }[] = [
  { label: 'calculate-dibao.json (低保 inpatient, exclusion, rehabilitation)', input: dibao },
  { label: 'calculate-illness-poverty-uninsured.json (因病致贫, uninsured)', input: illnessPoverty },
  { label: 'calculate-child.json (child with acute leukaemia)', input: child },
];
