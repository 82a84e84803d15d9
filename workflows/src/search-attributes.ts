import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes the application workflow keeps current, so Temporal's own visibility (Web UI,
// `temporal workflow list --query`) can list open and overdue cases without the database.
export const CaseStep = defineSearchAttributeKey('CaseStep', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CaseTown = defineSearchAttributeKey('CaseTown', SearchAttributeType.KEYWORD);
export const CaseCategory = defineSearchAttributeKey('CaseCategory', SearchAttributeType.KEYWORD);
export const StepDueAt = defineSearchAttributeKey('StepDueAt', SearchAttributeType.DATETIME);

export const caseSearchAttributes = [CaseStep, CaseStatus, CaseTown, CaseCategory, StepDueAt];
