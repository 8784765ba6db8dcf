using Orders.Api.Storage.PostgreSql;
using Orders.Bench;

// bench/run-bench.sh drives these; each prints one tab-separated line (or a file) it collects.
//   raw <create|duplicate|lookup> <connection string> <concurrency> <seconds> <seeded orders> <run id>
//   storm <api url> <requests> <reference>          (bearer token in BENCH_TOKEN)
//   token <base64 signing key>                       prints a token for BenchOrder.Owner
//   floor <url>                                      serves the floor (Floor.cs) until stopped
//   report <results.tsv> <table.md> <chart.svg> <chart title>
//   summary <summary.md> <run directory>...          min/median/max of every figure over the runs
switch (args.FirstOrDefault())
{
    case "raw" when args.Length == 7:
        // The API's own data source settings (automatic preparation), so the comparison is like for like.
        await using (var dataSource = PostgreSqlDataSource.Create(args[2]))
        {
            var workload = new RawWorkload(dataSource, args[6], int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture));
            Func<int, Task> operation = args[1] switch
            {
                "create" => workload.CreateAsync,
                "duplicate" => workload.DuplicateAsync,
                "lookup" => workload.LookupAsync,
                var other => throw new ArgumentException($"unknown raw scenario {other}"),
            };
            var concurrency = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
            var duration = TimeSpan.FromSeconds(double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
            // Unmeasured first, as the API gets a wrk warm-up: JIT tiers and the pool fill.
            await ClosedLoop.RunAsync(concurrency, duration / 4, operation);
            var measurement = await ClosedLoop.RunAsync(concurrency, duration, operation);
            Console.WriteLine(measurement.ToResultLine());
        }
        return 0;
    case "storm" when args.Length == 4:
        Console.WriteLine(await Storm.RunAsync(new Uri(args[1]), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]));
        return 0;
    case "floor" when args.Length == 2:
        await Floor.RunAsync(args[1]);
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
            Report.Table(comparisons), Report.ScaleTable(rows), Report.CpuTable(rows), Report.OwnCodeTable(comparisons)));
        await File.WriteAllTextAsync(args[3], Chart.Svg(comparisons, args[4]));
        return 0;
    default:
        Console.Error.WriteLine("usage: see the comment at the top of bench/Orders.Bench/Program.cs");
        return 2;
}
