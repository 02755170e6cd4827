/**
 * The accessibility attributes WeChat reads (wx 无障碍: aria-role, aria-label and
 * states), added to the components the pages label. Values are the template
 * defaults (empty: absent). Shared by the build plugin (templates) and the
 * runtime module (Taro's attribute aliases), which must agree.
 */
const ARIA = {
  'aria-role': "''",
  'aria-label': "''",
  'aria-hidden': "''",
  'aria-checked': "''",
  'aria-disabled': "''",
  'aria-selected': "''",
  'aria-expanded': "''",
};

const ARIA_COMPONENTS = {
  View: ARIA,
  Text: ARIA,
  Button: ARIA,
  Image: ARIA,
  Input: ARIA,
  Textarea: ARIA,
};

module.exports = { ARIA, ARIA_COMPONENTS };
