/**
 * Who acts on a case. Roles follow DOMAIN.md "Who uses it"; every command carries the actor so each
 * change is attributed (政府信息公开保密审查: staff see and act only within their jurisdiction).
 */
export const ROLES = [
  'CASEWORKER', // 镇街经办人员 — town/street caseworker, bound to one town
  'DISTRICT_REVIEWER', // 区民政部门审核人员 — district civil-affairs bureau reviewer/approver
  'DISTRICT_LEADER', // 分管民政工作的区领导 — district leader in charge of civil affairs (Art. 17)
  'FINANCE', // 区财政部门 — district finance bureau (Art. 15(8))
  'SUPERVISOR', // 督查督办 — supervision office: reads, never acts
  'ADMINISTRATOR', // 系统管理员/股室负责人 — assigns posts (AB岗工作制 Art. 4)
  'AUDITOR', // 审计/保密审查人员 — reads who read whose personal data (the access log); never acts
  'DEPARTMENT_LIAISON', // 核对部门联络员 — answers the verification requests addressed to their department (issue 15)
  'SYSTEM', // the workflow itself: timers, deadlines, reminders (限时办结制, 督查督办)
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TERMS: Record<Role, { zh: string; en: string }> = {
  CASEWORKER: { zh: '镇街经办人员', en: 'town caseworker' },
  DISTRICT_REVIEWER: { zh: '区民政部门审核人员', en: 'district civil-affairs reviewer' },
  DISTRICT_LEADER: { zh: '分管民政工作的区领导', en: 'district leader for civil affairs' },
  FINANCE: { zh: '区财政部门', en: 'district finance bureau' },
  SUPERVISOR: { zh: '督查督办人员', en: 'supervisor' },
  ADMINISTRATOR: { zh: '股室负责人/系统管理员', en: 'administrator' },
  AUDITOR: { zh: '审计人员', en: 'auditor' },
  DEPARTMENT_LIAISON: { zh: '核对部门联络员', en: 'department liaison' },
  SYSTEM: { zh: '系统', en: 'the system' },
};

/** The person (or unit) issuing a command. `town` is required for CASEWORKER, `department` for DEPARTMENT_LIAISON. */
export interface Actor {
  id: string;
  role: Role;
  town?: string;
  department?: string;
}

/** A person or a unit post holding a step. Unit posts look like `unit:CASEWORKER:<town>`. */
export interface StaffRef {
  id: string;
  role: Role;
}

/** AB岗工作制: the first responsible person (A岗) and the stand-in (B岗) for a role on this case. */
export interface Post {
  a: string;
  b?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
