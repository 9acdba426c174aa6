import { AppError, ErrorCode } from '../errors/app-error';
import { DOWNLOAD_LINK_SECONDS, type LinkProblem } from './download-link';

/**
 * Why a download link is refused, in the fixed codes a client branches on, with a `reason` that
 * says which: a browser shows the Chinese message to the official who clicked the link.
 */
const REFUSALS = {
  LINK_INVALID: {
    zh: '下载链接无效（链接不完整或已被改动），请在系统中重新点击下载',
    en: 'The download link is invalid (incomplete or altered); ask for a new one',
  },
  LINK_EXPIRED: {
    zh: `下载链接已过期（有效期 ${DOWNLOAD_LINK_SECONDS / 60} 分钟），请在系统中重新点击下载`,
    en: `The download link has expired (it lasts ${DOWNLOAD_LINK_SECONDS / 60} minutes); ask for a new one`,
  },
} as const;

/** UNAUTHENTICATED (401): the link proves nothing any more; a fresh one from the API will. */
export const linkRefused = (problem: LinkProblem): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, REFUSALS[problem], { reason: problem, http: { status: 401 } });

/** FORBIDDEN (403): the request also carries a token, of someone other than whom the link was made for. */
export const linkOfAnotherViewer = (): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    {
      zh: '该下载链接不是为当前登录用户生成的，请用本人账号重新获取',
      en: 'This download link was made for another user; ask for your own',
    },
    { reason: 'LINK_OTHER_VIEWER', http: { status: 403 } },
  );
