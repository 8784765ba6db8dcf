using System.Diagnostics;

namespace Orders.FaultTests.Harness;

/// <summary>
/// Everything a child process (the API, the fulfilment worker) writes, across its restarts: drained
/// continuously, since a full pipe would block the child's logger and so the child, and kept for the
/// checks (the first <see cref="MaxLines"/> lines) and for failure messages (the last 100).
/// </summary>
public sealed class ProcessOutput
{
    private const int MaxLines = 200_000;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _lines = [];

    /// <summary>Starts draining <paramref name="process"/>'s stdout and stderr (both redirected) into this output.</summary>
    public void Drain(Process process)
    {
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every line kept that contains <paramref name="text"/>: what an operator's log search would find.</summary>
    public IReadOnlyList<string> LinesContaining(string text)
    {
        lock (_tail)
        {
            return _lines.Where(line => line.Contains(text, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>Each line containing <paramref name="text"/> with the <paramref name="after"/> lines that followed it (an exception's type and stack).</summary>
    public IReadOnlyList<string> LinesAfter(string text, int after)
    {
        lock (_tail)
        {
            return _lines.Select((line, index) => (line, index))
                .Where(numbered => numbered.line.Contains(text, StringComparison.Ordinal))
                .SelectMany(numbered => _lines.Skip(numbered.index).Take(after + 1))
                .ToList();
        }
    }

    /// <summary>The last lines written, for failure messages.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            if (_lines.Count < MaxLines)
            {
                _lines.Add(line);
            }
            _tail.Enqueue(line);
            while (_tail.Count > 100)
            {
                _tail.Dequeue();
            }
        }
    }
}
