/**
 * npm run bench:rules — calculations per second on one core over 1,000,000 varied inputs.
 * Inputs are raw JSON objects (as the API and the CLI receive them), so the figure includes parsing,
 * validation, the calculation and the explanation. They are generated in batches outside the timed
 * section with a seeded PRNG, so runs are comparable.
 */
import { calculate, CATEGORIES } from '../src';

const TOTAL = 1_000_000;
const BATCH = 10_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = mulberry32(20181001);
const int = (max: number): number => Math.floor(rnd() * (max + 1));
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const KINDS = ['INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'] as const;

function makeInput(i: number): unknown {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const insured = rnd() < 0.9;
  const child = rnd() < 0.1;
  const n = 1 + int(3);
  const bills = [];
  for (let b = 0; b < n; b++) {
    const compliant = rnd() < 0.1 ? int(200_000_00) : int(30_000_00);
    const out = int(5_000_00);
    const limited = child && rnd() < 0.5 ? int(compliant) : -1;
    const room = compliant - (limited >= 0 ? Math.ceil(limited / 5) : 0);
    const deducted = int(room);
    const notional = insured ? 0 : Math.floor(deducted / 2);
    bills.push({
      id: `b${b}`,
      kind: KINDS[int(2)],
      date: `2019-0${1 + int(4)}-1${int(9)}`,
      totalCost: yuan(compliant + out),
      compliantCost: yuan(compliant),
      reimbursements: insured
        ? {
            basicInsurance: yuan(Math.floor(deducted * 0.8)),
            criticalIllnessInsurance: yuan(deducted - Math.floor(deducted * 0.8)),
          }
        : { commercialInsurance: yuan(deducted - notional) },
      ...(insured ? {} : { notionalInsurancePayment: yuan(notional) }),
      ...(limited >= 0
        ? { childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: yuan(limited) } }
        : {}),
      ...(rnd() < 0.05 ? { exclusion: { reason: 'THIRD_PARTY_LIABLE' } } : {}),
    });
  }
  const rehab = (category === 'DIBAO' || category === 'LOW_INCOME') && rnd() < 0.2;
  return {
    applicationDate: '2019-06-01',
    category,
    aidYear: 2019,
    applicant: { birthDate: child ? '2010-01-01' : '1960-01-01', insured },
    yearToDate: {
      basicAidPaid: yuan(rnd() < 0.7 ? 0 : int(70_000_00)),
      secondaryAidPaid: yuan(rnd() < 0.8 ? 0 : int(20_000_00)),
      selfPaidAfterAid: yuan(rnd() < 0.7 ? 0 : int(30_000_00)),
      mentalRehabPaid: '0.00',
    },
    bills,
    ...(rehab
      ? {
          mentalRehab: { grade: 1 + int(3), actualCost: yuan(int(12_000_00)), consecutivePriorYears: int(2) },
        }
      : {}),
  };
}

function main(): void {
  // Warm the JIT so the figure reflects steady state, as in a long-running worker.
  for (let i = 0; i < 20_000; i++) calculate(makeInput(i));
  let elapsedNs = 0n;
  let cpuMicros = 0;
  let done = 0;
  let checksum = 0;
  while (done < TOTAL) {
    const size = Math.min(BATCH, TOTAL - done);
    const inputs = new Array<unknown>(size);
    for (let i = 0; i < size; i++) inputs[i] = makeInput(done + i);
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < size; i++) checksum += calculate(inputs[i]).total.length;
    elapsedNs += process.hrtime.bigint() - t0;
    const c1 = process.cpuUsage(c0);
    cpuMicros += c1.user + c1.system;
    done += size;
  }
  const seconds = Number(elapsedNs) / 1e9;
  const perSecond = Math.round(TOTAL / seconds);
  // CPU time of the process (includes V8's helper threads, e.g. concurrent GC): a second opinion
  // when the machine is shared and wall-clock time includes waiting for a core.
  const cpuSeconds = cpuMicros / 1e6;
  process.stdout.write(
    `rules bench: ${TOTAL.toLocaleString('en')} calculations (parse + validate + calculate + explain) in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, one thread\n` +
      `rules bench: ${perSecond.toLocaleString('en')} calculations/second wall-clock (target ≥ 100,000) [checksum ${checksum}]\n`,
  );
}

main();
