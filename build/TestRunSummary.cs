#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// The end of `dotnet test` on the solution: totals over every test project, the failed tests, and
/// each skipped suite's line (TestRequirements.SkipAnnouncement) once, however many projects
/// printed it. Read from the TRX file each project wrote (build/tests.runsettings).
/// </summary>
public sealed class TestRunSummary : Task
{
    private const int MaxFailuresListed = 20;
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Required]
    public ITaskItem[] ResultFiles { get; set; } = [];

    [Output]
    public int Failed { get; set; }

    public override bool Execute()
    {
        int passed = 0, failed = 0, skipped = 0;
        var failures = new List<string>();
        var skippedSuites = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in ResultFiles)
        {
            var run = XDocument.Load(file.ItemSpec);
            foreach (var result in run.Descendants(Trx + "UnitTestResult"))
            {
                switch ((string?)result.Attribute("outcome"))
                {
                    case "Passed": passed++; break;
                    case "NotExecuted": skipped++; break;
                    default:
                        failed++;
                        var message = (string?)result.Descendants(Trx + "Message").FirstOrDefault() ?? "";
                        failures.Add($"  {result.Attribute("testName")?.Value}: {message.Split('\n')[0].Trim()}");
                        break;
                }
            }
            foreach (var text in run.Descendants(Trx + "RunInfo").Select(info => (string?)info.Element(Trx + "Text") ?? ""))
            {
                var start = text.IndexOf("SKIPPED: every ", StringComparison.Ordinal);
                if (start >= 0)
                {
                    skippedSuites.Add(text.Substring(start).Trim());
                }
            }
        }
        Log.LogMessage(MessageImportance.High, "");
        if (failures.Count > 0)
        {
            Log.LogMessage(MessageImportance.High, "Failed tests:");
            foreach (var failure in failures.Take(MaxFailuresListed))
            {
                Log.LogMessage(MessageImportance.High, failure);
            }
            if (failures.Count > MaxFailuresListed)
            {
                Log.LogMessage(MessageImportance.High, $"  … and {failures.Count - MaxFailuresListed} more (TestResults/orders-run*.trx)");
            }
        }
        foreach (var suite in skippedSuites)
        {
            Log.LogMessage(MessageImportance.High, suite);
        }
        Log.LogMessage(MessageImportance.High,
            $"Tests of {ResultFiles.Length} test projects: {passed} passed, {failed} failed, {skipped} skipped");
        Failed = failed;
        return true;
    }
}
