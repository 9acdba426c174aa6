import { WorkSlots } from '../../src/concurrency/work-slots';

/** A piece of work that ends when the test says. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const refused = () => new Error('refused');

describe('work slots', () => {
  it('runs at most `slots` at once and the rest in the order they came', async () => {
    const slots = new WorkSlots(2, 10);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }, refused),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect([started, slots.waiting]).toEqual([[0, 1], 2]);
    gates[1]!.open();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(slots.waiting).toBe(0);
  });

  it('refuses at once, without running the work, when the line is full', async () => {
    const slots = new WorkSlots(1, 1);
    const held = gate();
    const first = slots.run(() => held.opened, refused);
    const second = slots.run(() => held.opened, refused);
    let ran = false;
    await expect(
      slots.run(async () => {
        ran = true;
      }, refused),
    ).rejects.toThrow('refused');
    expect(ran).toBe(false);
    held.open();
    await Promise.all([first, second]);
  });

  it('frees the slot of work that failed', async () => {
    const slots = new WorkSlots(1, 0);
    await expect(slots.run(() => Promise.reject(new Error('decoder failed')), refused)).rejects.toThrow('decoder failed');
    await expect(slots.run(async () => 'next', refused)).resolves.toBe('next');
  });

  it('needs at least one slot', () => {
    expect(() => new WorkSlots(0, 1)).toThrow(/slots >= 1/);
  });
});
