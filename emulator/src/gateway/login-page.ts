/** The dev login page (HTML, Chinese), clearly marked as emulator-only. */
import type { DevUser } from '../types';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** HTML listing dev users grouped by role; each is a button that POSTs /__dev/login. */
export function loginPage(users: DevUser[], current: string | null): string {
  const byRole = new Map<string, DevUser[]>();
  for (const u of users) byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
  const groups = [...byRole]
    .map(
      ([role, list]) =>
        `<section><h2>${esc(role)}</h2>${list
          .map(
            (u) =>
              `<form method="post" action="/__dev/login"><input type="hidden" name="openid" value="${esc(u.openid)}">` +
              `<button type="submit"${u.openid === current ? ' class="current"' : ''}>${esc(u.label)}<small>${esc(u.openid)}${u.stationId ? ` · ${esc(u.stationId)}` : ''}</small></button></form>`,
          )
          .join('')}</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地开发登录 — 仅模拟器</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:640px;margin:0 auto;padding:16px;background:#fafafa}
.banner{background:#b71c1c;color:#fff;padding:12px;border-radius:8px;font-weight:bold}
section{margin:16px 0}h2{font-size:16px;color:#444}
form{display:inline-block;margin:4px}
button{padding:10px 14px;border:1px solid #999;border-radius:8px;background:#fff;font-size:15px;cursor:pointer;text-align:left}
button small{display:block;color:#888;font-size:11px}
button.current{border:2px solid #1565c0}
</style></head><body>
<div class="banner">本地开发登录 — 仅模拟器（本地 CloudBase 模拟器，不是微信登录，真实环境中不存在此页面）</div>
<p>当前身份：<b>${current ? esc(current) : '未登录（调用云函数时将自动分配匿名居民身份）'}</b></p>
${groups || '<p>没有配置演示用户（devUsers）。</p>'}
<form method="post" action="/__dev/logout"><button type="submit">退出登录</button></form>
</body></html>`;
}
