using Caf.Benchmarks;

// eng/bench.sh runs this in Release: `audit|ledger [--provider sqlite|postgres] [--records N] [--postgres CONNECTION] [--reuse]`.
return await BenchmarkCommand.RunAsync(args);
