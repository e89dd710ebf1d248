// Jest runs each test file in its own V8 context, whose Symbol lacks the dispose symbols Node 20
// adds to the main context. playwright-core's `using` blocks then fail with "Object not
// disposable"; sharing Node's symbols with the test context fixes it. (Node 22 has them natively.)
const { TestEnvironment } = require('jest-environment-node');

class BrowserTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['dispose', 'asyncDispose']) {
      if (this.global.Symbol[name] === undefined && Symbol[name] !== undefined) {
        Object.defineProperty(this.global.Symbol, name, { value: Symbol[name] });
      }
    }
  }
}

module.exports = BrowserTestEnvironment;
