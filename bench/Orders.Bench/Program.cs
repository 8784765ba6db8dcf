using Orders.Bench;

// bench/run-bench.sh drives these; each prints one tab-separated line (or a file) it collects.
//   raw <postgresql|sqlserver> <create|duplicate|lookup|not-modified|cancel|change> <connection string> <concurrency> <seconds> <seeded orders> <run id>
//   fresh <fresh database> <warm-up database> <concurrency> <seconds> <run id> [stats connection]...   (FreshCommand.cs)
//   sqlserver-create-database <server connection>   creates a fresh database, prints its name
//   sqlserver-drop-database <server connection> <name>
//   sqlserver-run <connection> <T-SQL file> <from> <to>   runs it with @from, @to; prints its scalar, if any
//   sqlserver-engine <server connection>             prints the engine's name, e.g. "Babelfish 4.4.0 (TDS)"
//   storm <api url> <requests> <reference>          (bearer token in BENCH_TOKEN)
//   token <base64 signing key>                       prints a token for BenchOrder.Owner
//   floor <url>                                      serves the floor (Floor.cs) until stopped
//   replay <url>                                     serves the replay server (Replay.cs) until stopped
//   place <url> <prefix> <count> <concurrency>       places orders prefix1 … prefixN (ReplayClients.cs)
//   inflight <url> <prefix> <pairs> <concurrency>    pairs of identical requests at once
//   retry-load <url,url> <prefix> <clients> <seconds>  the SIGKILL ledger's retrying checkouts
//   report <results.tsv> <table.md> <chart.svg> <chart title>
//   summary <summary.md> <run directory>...          min/median/max of every figure over the runs
switch (args.FirstOrDefault())
{
    case "raw" when args.Length == 8:
        await RawCommand.RunAsync(args);
        return 0;
    case "fresh" when args.Length >= 6:
        await FreshCommand.RunAsync(args);
        return 0;
    case "sqlserver-create-database" when args.Length == 2:
        Console.WriteLine(await SqlServerBenchDatabase.CreateAsync(args[1]));
        return 0;
    case "sqlserver-drop-database" when args.Length == 3:
        await SqlServerBenchDatabase.DropAsync(args[1], args[2]);
        return 0;
    case "sqlserver-run" when args.Length == 5:
        Console.WriteLine(await SqlServerBenchDatabase.RunAsync(args[1], await File.ReadAllTextAsync(args[2]),
            int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    case "sqlserver-engine" when args.Length == 2:
        Console.WriteLine(await SqlServerBenchDatabase.EngineAsync(args[1]));
        return 0;
    case "storm" when args.Length == 4:
        Console.WriteLine(await Storm.RunAsync(new Uri(args[1]), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]));
        return 0;
    case "floor" when args.Length == 2:
        await Floor.RunAsync(args[1]);
        return 0;
    case "replay" when args.Length == 2:
        await Replay.RunAsync(args[1]);
        return 0;
    case "place" when args.Length == 5:
        Console.WriteLine(await ReplayClients.PlaceAsync(new Uri(args[1]), args[2], Number(args[3]), Number(args[4])));
        return 0;
    case "inflight" when args.Length == 5:
        Console.WriteLine(await ReplayClients.InFlightAsync(new Uri(args[1]), args[2], Number(args[3]), Number(args[4])));
        return 0;
    case "retry-load" when args.Length == 5:
        Console.WriteLine(await ReplayClients.RetryLoadAsync(args[1], args[2], Number(args[3]), Number(args[4])));
        return 0;
    case "summary" when args.Length >= 3:
        await File.WriteAllTextAsync(args[1], Summary.Of(args[2..]));
        return 0;
    case "token" when args.Length == 2:
        Console.WriteLine(BenchToken.Mint(args[1]));
        return 0;
    case "report" when args.Length == 5:
        var rows = ResultRow.Read(args[1]);
        var comparisons = Comparison.Of(rows);
        await File.WriteAllTextAsync(args[2], string.Join(Environment.NewLine,
            Report.Table(comparisons), Report.ScaleTable(rows), Report.CpuTable(rows), Report.OwnCodeTable(comparisons),
            Report.ConditionalTable(rows)));
        await File.WriteAllTextAsync(args[3], Chart.Svg(comparisons, args[4]));
        return 0;
    default:
        Console.Error.WriteLine("usage: see the comment at the top of bench/Orders.Bench/Program.cs");
        return 2;
}

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
