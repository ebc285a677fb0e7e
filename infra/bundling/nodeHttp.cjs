// Bundles import node:http through this file (an esbuild alias) so that it is loaded the CommonJS way.
// Importing node:http as an ES module builds a namespace facade that touches its lazy getters, which
// loads Node's undici: 10-20 ms of every cold start, for a fetch implementation the SDK never uses.
module.exports = process.getBuiltinModule('node:http');
