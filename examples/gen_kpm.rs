//! Writes a synthetic KPM file: `cargo run --release --example gen_kpm -- 1000000 kpm.csv`.
//! Every NIK is plausible and unique; see `kesos_bot::import::kpm::write_synthetic`.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let path = args.next().unwrap_or_else(|| "kpm-synthetic.csv".into());
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    kesos_bot::import::kpm::write_synthetic(file, rows)?;
    eprintln!("wrote {rows} rows to {path}");
    Ok(())
}
