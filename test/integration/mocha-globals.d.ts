// The globals web-test-runner's Mocha gives browser test files (no @types/mocha installed).
type MochaCallback = (this: unknown) => void | Promise<void>;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaCallback): void;
declare function before(body: MochaCallback): void;
declare function after(body: MochaCallback): void;
declare function beforeEach(body: MochaCallback): void;
declare function afterEach(body: MochaCallback): void;
