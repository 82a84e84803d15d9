import { VERIFICATION_FIELDS, isVerificationField } from '../../../../libs/rules/src';

/**
 * Issue 15: the answer file a department sends (家庭经济状况核对结果), as `POST /verification-imports` takes it.
 *
 * The request body is JSON: `{ "format": "csv" | "json", "fileName"?: "…", "content": "<the file's text>" }`.
 *
 * **CSV** (UTF-8, RFC 4180 quoting, a header line first): columns `requestId`, `answeredOn` (YYYY-MM-DD),
 * `reference` (the department's own reference for the answer), then one column per field the department
 * answers (the field names of the policy's departments list, e.g. `deposits`, `securities`). Each line
 * answers one request: exactly the fields that request asked are filled, the other field columns stay empty.
 * Counts are whole numbers (`homes: 1`), amounts are yuan with two decimals (`5000.00`), yes/no fields are
 * `true`/`false`, lists (`vehicles`, `businesses`) are JSON in the cell (`"[{""type"":""CAR""}]"`).
 * Line numbers count the header as line 1.
 *
 * **JSON**: `{ "answers": [ { "requestId": "…", "answeredOn": "YYYY-MM-DD", "reference": "…",
 * "values": { "<field>": <value>, … } } ] }`, values in their JSON types; "line" N is the N-th answer.
 */
export interface AnswerLine {
  line: number;
  requestId: string;
  answeredOn: string;
  reference: string;
  /** Only the cells that were filled (CSV) or the values given (JSON). */
  values: Record<string, unknown>;
  /** CSV cells already reported as unreadable (not reported again as missing). */
  unreadable: string[];
}

export interface LineProblem {
  line: number;
  field: string;
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface ParsedFile {
  lines: AnswerLine[];
  problems: LineProblem[];
}

const FIXED_COLUMNS = ['requestId', 'answeredOn', 'reference'] as const;

export function parseAnswerFile(format: unknown, content: unknown): ParsedFile {
  if (format === 'csv') {
    if (typeof content !== 'string')
      return fileProblem('content', 'CSV 文件内容须为文字。', 'the CSV content must be text.');
    return parseCsvAnswers(content);
  }
  if (format === 'json') return parseJsonAnswers(content);
  return fileProblem('format', 'format 须为 csv 或 json。', 'format must be csv or json.');
}

function fileProblem(field: string, zh: string, en: string): ParsedFile {
  return { lines: [], problems: [{ line: 0, field, code: 'INVALID_FILE', messageZh: zh, messageEn: en }] };
}

function parseJsonAnswers(content: unknown): ParsedFile {
  let doc = content;
  if (typeof content === 'string') {
    try {
      doc = JSON.parse(content) as unknown;
    } catch {
      return fileProblem('content', 'JSON 格式错误。', 'the JSON is malformed.');
    }
  }
  const answers = isRecord(doc) ? doc.answers : undefined;
  if (!Array.isArray(answers))
    return fileProblem('content.answers', '须含 answers 数组。', 'must hold an answers array.');
  const lines: AnswerLine[] = [];
  const problems: LineProblem[] = [];
  answers.forEach((a, i) => {
    const line = i + 1;
    if (!isRecord(a)) {
      problems.push(
        problem(line, '(line)', 'INVALID_TYPE', '每条反馈须为对象。', 'each answer must be an object.'),
      );
      return;
    }
    for (const key of Object.keys(a)) {
      if (![...FIXED_COLUMNS, 'values'].includes(key))
        problems.push(
          problem(line, key, 'UNKNOWN_FIELD', '未知字段。', 'is not a field of the answer format.'),
        );
    }
    lines.push({
      line,
      requestId: typeof a.requestId === 'string' ? a.requestId.trim() : '',
      answeredOn: typeof a.answeredOn === 'string' ? a.answeredOn.trim() : '',
      reference: typeof a.reference === 'string' ? a.reference.trim() : '',
      values: isRecord(a.values) ? { ...a.values } : {},
      unreadable: [],
    });
    if (!isRecord(a.values))
      problems.push(
        problem(
          line,
          'values',
          'INVALID_TYPE',
          '须为按核对事项填写的对象。',
          'must be an object of the fields asked.',
        ),
      );
  });
  return { lines, problems };
}

function parseCsvAnswers(content: string): ParsedFile {
  const rows = csvRecords(content.replace(/^\uFEFF/, ''));
  if ('error' in rows) return fileProblem('content', rows.error.zh, rows.error.en);
  const [header, ...data] = rows.records;
  if (!header) return fileProblem('content', 'CSV 文件为空。', 'the CSV file is empty.');
  const names = header.cells.map((h) => h.trim());
  const problems: LineProblem[] = [];
  for (const required of FIXED_COLUMNS) {
    if (!names.includes(required))
      problems.push(problem(1, required, 'MISSING_COLUMN', '缺少此列。', 'this column is missing.'));
  }
  names.forEach((name) => {
    if (!(FIXED_COLUMNS as readonly string[]).includes(name) && !isVerificationField(name))
      problems.push(problem(1, name, 'UNKNOWN_COLUMN', '不是可核对的事项。', 'is not a verification field.'));
  });
  if (problems.length) return { lines: [], problems };
  const lines: AnswerLine[] = [];
  for (const record of data) {
    if (record.cells.every((c) => c.trim() === '')) continue; // a blank line (e.g. at the end)
    if (record.cells.length !== names.length) {
      problems.push(
        problem(
          record.line,
          '(line)',
          'COLUMN_COUNT',
          `有 ${record.cells.length} 列，表头有 ${names.length} 列。`,
          `has ${record.cells.length} columns; the header has ${names.length}.`,
        ),
      );
      continue;
    }
    const cell = (name: string) => record.cells[names.indexOf(name)]!.trim();
    const values: Record<string, unknown> = {};
    const unreadable: string[] = [];
    for (const name of names) {
      if ((FIXED_COLUMNS as readonly string[]).includes(name) || cell(name) === '') continue;
      const typed = typedCell(name, cell(name));
      if ('problem' in typed) {
        problems.push(problem(record.line, name, typed.problem.code, typed.problem.zh, typed.problem.en));
        unreadable.push(name);
      } else values[name] = typed.value;
    }
    lines.push({
      line: record.line,
      requestId: cell('requestId'),
      answeredOn: cell('answeredOn'),
      reference: cell('reference'),
      values,
      unreadable,
    });
  }
  return { lines, problems };
}

/** A CSV cell in the JSON type of its field (the value checks themselves come after, per request). */
function typedCell(
  field: string,
  text: string,
): { value: unknown } | { problem: { code: string; zh: string; en: string } } {
  if (!isVerificationField(field)) return { value: text };
  switch (VERIFICATION_FIELDS[field].kind) {
    case 'count':
      return /^-?\d+$/.test(text)
        ? { value: Number(text) }
        : { problem: { code: 'INVALID_TYPE', zh: '须为整数。', en: 'must be a whole number.' } };
    case 'boolean':
      if (['true', '是', 'yes'].includes(text.toLowerCase())) return { value: true };
      if (['false', '否', 'no'].includes(text.toLowerCase())) return { value: false };
      return { problem: { code: 'INVALID_TYPE', zh: '须为 true 或 false。', en: 'must be true or false.' } };
    case 'vehicles':
    case 'businesses':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { problem: { code: 'INVALID_TYPE', zh: '须为 JSON 列表。', en: 'must be a JSON list.' } };
      }
    default:
      return { value: text };
  }
}

/** RFC 4180 records with the line number each starts on (a quoted cell may span lines). */
function csvRecords(
  text: string,
): { records: Array<{ line: number; cells: string[] }> } | { error: { zh: string; en: string } } {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (quoted)
    return { error: { zh: `第 ${start} 行引号未闭合。`, en: `line ${start}: a quote is not closed.` } };
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return { records };
}

export function problem(line: number, field: string, code: string, zh: string, en: string): LineProblem {
  return {
    line,
    field,
    code,
    messageZh: `第 ${line} 行 ${field}：${zh}`,
    messageEn: `line ${line}, ${field}: ${en}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
