// Styles do not matter to behaviour tests.
module.exports = {};
