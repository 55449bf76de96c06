import { armShutdownDeadline } from './shutdown-deadline';

describe('armShutdownDeadline', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('exits with 1 once the deadline passes, naming the step the stop was stuck in', () => {
    jest.useFakeTimers();
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const errors: unknown[][] = [];
    let step = 'stopping registry-first';
    armShutdownDeadline(2, { error: (...args: unknown[]) => void errors.push(args) }, () => step);
    step = 'stopping the consumer';
    jest.advanceTimersByTime(1999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors).toHaveLength(1);
    expect(errors[0][0]).toEqual({ seconds: 2, step: 'stopping the consumer' });
    expect(String(errors[0][1])).toContain('while stopping the consumer');
  });

  it('does not keep a process alive that stops in time', () => {
    jest.useFakeTimers();
    const unref = jest.fn();
    const set = jest.spyOn(global, 'setTimeout').mockReturnValue({ unref } as unknown as NodeJS.Timeout);
    armShutdownDeadline(5, { error: () => undefined }, () => 'x');
    expect(set).toHaveBeenCalledWith(expect.any(Function), 5000);
    expect(unref).toHaveBeenCalled();
  });
});
