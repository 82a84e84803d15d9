import { parseAnswerFile } from '../src/verification/answer-file';

/** Issue 15: the departments' answer files, read line by line (the checks against the requests follow in the API). */
describe('answer files', () => {
  test('CSV: header first, typed cells, quoted JSON lists, CRLF, BOM, blank last line', () => {
    const csv =
      '\uFEFFrequestId,answeredOn,reference,vehicles,registeredInDistrict,deposits,homes\r\n' +
      'VR-1,2019-03-06,GA-1,"[{""type"":""CAR""}]",true,,\r\n' +
      'VR-2,2019-03-06,YH-1,,,5000.00,2\r\n\r\n';
    const parsed = parseAnswerFile('csv', csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        line: 2,
        requestId: 'VR-1',
        answeredOn: '2019-03-06',
        reference: 'GA-1',
        values: { vehicles: [{ type: 'CAR' }], registeredInDistrict: true },
        unreadable: [],
      },
      {
        line: 3,
        requestId: 'VR-2',
        answeredOn: '2019-03-06',
        reference: 'YH-1',
        values: { deposits: '5000.00', homes: 2 },
        unreadable: [],
      },
    ]);
  });

  test('CSV: every unreadable cell, unknown column and short line is listed with its line', () => {
    const header = parseAnswerFile('csv', 'requestId,answeredOn,salary\nVR-1,2019-03-06,1\n');
    expect(header.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [1, 'reference', 'MISSING_COLUMN'],
      [1, 'salary', 'UNKNOWN_COLUMN'],
    ]);
    const cells = parseAnswerFile(
      'csv',
      'requestId,answeredOn,reference,homes,vehicles,registeredInDistrict\nVR-1,d,r,one,[x,maybe\nVR-2,d\n',
    );
    expect(cells.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [2, 'homes', 'INVALID_TYPE'],
      [2, 'vehicles', 'INVALID_TYPE'],
      [2, 'registeredInDistrict', 'INVALID_TYPE'],
      [3, '(line)', 'COLUMN_COUNT'],
    ]);
    expect(cells.problems[0]!.messageZh).toContain('第 2 行 homes');
    expect(cells.problems[0]!.messageEn).toContain('line 2, homes');
    expect(parseAnswerFile('csv', 'requestId,answeredOn,reference\n"VR-1,d,r\n').problems[0]).toMatchObject({
      code: 'INVALID_FILE',
    });
  });

  test('JSON: answers in their JSON types; lines are the answers in order', () => {
    const parsed = parseAnswerFile('json', {
      answers: [
        { requestId: 'VR-1', answeredOn: '2019-03-06', reference: 'YH-1', values: { deposits: '1.00' } },
        { requestId: 'VR-2', answeredOn: '2019-03-06', reference: 'YH-2', values: 3, extra: true },
      ],
    });
    expect(parsed.lines.map((l) => [l.line, l.requestId, l.values])).toEqual([
      [1, 'VR-1', { deposits: '1.00' }],
      [2, 'VR-2', {}],
    ]);
    expect(parsed.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [2, 'extra', 'UNKNOWN_FIELD'],
      [2, 'values', 'INVALID_TYPE'],
    ]);
    expect(parseAnswerFile('json', '{').problems[0]!.code).toBe('INVALID_FILE');
    expect(parseAnswerFile('xml', '').problems[0]!.field).toBe('format');
  });
});
