/** Builders for raw JSON inputs, as the API and the CLI receive them. Defaults are test conveniences. */
export type Raw = Record<string, unknown>;

export const ZERO_YTD = {
  basicAidPaid: '0.00',
  secondaryAidPaid: '0.00',
  selfPaidAfterAid: '0.00',
  mentalRehabPaid: '0.00',
};

let seq = 0;

/** An inpatient bill whose whole cost is compliant, with the given basic-insurance reimbursement. */
export function bill(over: Raw = {}): Raw {
  seq++;
  return {
    id: `B${seq}`,
    kind: 'INPATIENT',
    date: '2019-03-01',
    totalCost: '10000.00',
    compliantCost: '10000.00',
    reimbursements: { basicInsurance: '7000.00' },
    ...over,
  };
}

/** A bill leaving exactly `selfPaid` compliant self-paid cost (no insurance). */
export function selfPaidBill(selfPaid: string, over: Raw = {}): Raw {
  return bill({ totalCost: selfPaid, compliantCost: selfPaid, reimbursements: {}, ...over });
}

/** A bill of costs wholly outside the insurance scope (count only for Art. 10). */
export function outOfScopeBill(amount: string, over: Raw = {}): Raw {
  return bill({ totalCost: amount, compliantCost: '0.00', reimbursements: {}, ...over });
}

export function calcInput(over: Raw = {}): Raw {
  return {
    applicationDate: '2019-06-01',
    category: 'DIBAO',
    aidYear: 2019,
    applicant: { birthDate: '1960-01-01', insured: true },
    yearToDate: { ...ZERO_YTD },
    bills: [],
    ...over,
  };
}

export function assets(over: Raw = {}): Raw {
  return { homes: 0, deposits: '0.00', securities: '0.00', vehicles: [], businesses: [], ...over };
}

export function self(over: Raw = {}): Raw {
  return {
    id: 'self',
    relation: 'SELF',
    birthDate: '1970-01-01',
    medicalCosts: { inpatientSelfPaid: '20000.00', specifiedOutpatientSelfPaid: '0.00' },
    assets: assets(),
    ...over,
  };
}

export function member(id: string, relation: string, over: Raw = {}): Raw {
  return { id, relation, birthDate: '1970-01-01', assets: assets(), ...over };
}

export function eligInput(over: Raw = {}): Raw {
  return {
    applicationDate: '2019-03-01',
    category: 'ILLNESS_POVERTY',
    residence: { registeredInDistrict: true },
    householdDisposableIncome12m: '30000.00',
    members: [self()],
    ...over,
  };
}
