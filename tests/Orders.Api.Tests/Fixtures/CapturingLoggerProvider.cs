using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orders.Api.Tests.Fixtures;

/// <summary>Keeps every log entry of an app under test, with its structured fields and when it was written (UTC).</summary>
/// <param name="holdEntry">For an entry, a gate its writer waits on (bounded, 30 s) before it is kept: a slow log. Null: none.</param>
public sealed class CapturingLoggerProvider(Func<CapturingLoggerProvider.Entry, ManualResetEventSlim?>? holdEntry = null) : ILoggerProvider
{
    private static readonly TimeSpan HoldBound = TimeSpan.FromSeconds(30);

    public sealed record Entry(string Category, EventId EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields, DateTime At);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries, holdEntry);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries, Func<Entry, ManualResetEventSlim?>? holdEntry) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                : [];
            var entry = new Entry(category, eventId, logLevel, formatter(state, exception) + exception, fields, DateTime.UtcNow);
            holdEntry?.Invoke(entry)?.Wait(HoldBound);
            entries.Enqueue(entry);
        }
    }
}
