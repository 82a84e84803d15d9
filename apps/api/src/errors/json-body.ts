import { HttpStatus, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error';

/** The largest request body the API reads; every request of the API is far smaller. */
export const MAX_BODY_BYTES = 100 * 1024;

/** Keys that could reach an object's prototype if a body were ever merged with Object.assign or the like. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKeyError extends Error {}

/**
 * Characters no text column or jsonb value of PostgreSQL can hold: NUL (U+0000), and a lone UTF-16 surrogate
 * (not Unicode; it would be stored as U+FFFD, so an event's stored payload would no longer match its hash).
 * Let through, such text failed the query (a 500) or, in a case's data, every retry of the write.
 */
const unstorable = (text: string) => text.includes('\u0000') || /\p{Cs}/u.test(text);

class UnstorableTextError extends Error {}

/**
 * The API speaks JSON only. Bodies are read by our own parser (Nest's is off) so that every way a body can
 * be wrong ends in the one error shape with its own status: 415 for another content type, 413 above
 * MAX_BODY_BYTES, 400 for malformed JSON or a prototype key; and nothing reaches a controller.
 */
export function useJsonBodies(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(refuseUnstorableUrlText);
  express.use(requireJsonContentType);
  express.useBodyParser('json', {
    limit: MAX_BODY_BYTES,
    reviver: (key: string, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
      if (unstorable(key)) throw new UnstorableTextError('body');
      if (typeof value === 'string' && unstorable(value)) throw new UnstorableTextError(key);
      return value;
    },
  });
  express.use(bodyErrorToApiError);
}

/** A path segment or query parameter with NUL or a lone surrogate (e.g. `?town=%00`): 400 naming it. */
function refuseUnstorableUrlText(req: Request, _res: Response, next: NextFunction) {
  let url: URL;
  try {
    url = new URL(req.originalUrl ?? req.url ?? '/', 'http://api');
  } catch {
    next(); // not a path the router knows either: its 404
    return;
  }
  for (const [name, value] of url.searchParams) {
    if (unstorable(name) || unstorable(value)) {
      next(unstorableText(unstorable(name) ? 'query' : name));
      return;
    }
  }
  for (const segment of url.pathname.split('/')) {
    let text = segment;
    try {
      text = decodeURIComponent(segment);
    } catch {
      // not percent-encoded UTF-8: the router answers it as it does any unknown path
    }
    if (unstorable(text)) {
      next(unstorableText('path'));
      return;
    }
  }
  next();
}

function requireJsonContentType(req: Request, _res: Response, next: NextFunction) {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) {
    next(unsupportedMediaType(req.headers['content-type']));
    return;
  }
  next();
}

/** Errors of the body parser (http-errors with a `type`) → ApiError; anything else passes on unchanged. */
function bodyErrorToApiError(err: unknown, _req: Request, _res: Response, next: NextFunction) {
  next(toApiError(err));
}

function toApiError(err: unknown): unknown {
  if (err instanceof UnstorableTextError) return unstorableText(err.message);
  if (err instanceof ForbiddenKeyError) {
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      'FORBIDDEN_KEY',
      `请求体中不允许出现键“${err.message}”。`,
      `The key "${err.message}" is not allowed in a request body.`,
      err.message,
    );
  }
  const e = err as { status?: unknown; type?: unknown; message?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') return err;
  switch (e.status) {
    case 413:
      return new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        `请求体过大：上限为 ${MAX_BODY_BYTES / 1024} KB。`,
        `The request body is too large: at most ${MAX_BODY_BYTES / 1024} KB.`,
        'body',
      );
    case 415:
      return unsupportedMediaType(e.type);
    default:
      return new ApiError(
        HttpStatus.BAD_REQUEST,
        'MALFORMED_JSON',
        '请求体不是有效的 JSON 对象，请检查格式（引号、逗号、括号）后重试。',
        `The request body is not valid JSON (${String(e.message)}); check quotes, commas and brackets.`,
        'body',
      );
  }
}

function unstorableText(field: string) {
  return new ApiError(
    HttpStatus.BAD_REQUEST,
    'INVALID_TEXT',
    `“${field}”含有不能保存的字符（空字符 U+0000 或不成对的代理项），请删除后重试。`,
    `"${field}" contains a character that cannot be stored (NUL, U+0000, or an unpaired surrogate); remove it.`,
    field,
  );
}

function unsupportedMediaType(detail: unknown) {
  return new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'UNSUPPORTED_MEDIA_TYPE',
    '请求体须为 JSON：请设置 Content-Type: application/json 并以 UTF-8 编码发送。',
    'The request body must be JSON: send Content-Type: application/json, encoded in UTF-8.',
    'Content-Type',
    detail === undefined ? undefined : { received: detail },
  );
}
