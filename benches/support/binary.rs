//! Runs the real `kesos-bot` binary for a bench, as an operator runs it.

use std::time::{Duration, Instant};

/// The key the benches give.
pub const SECRET: &str = "bench-secret";

/// `kesos-bot ARGS` on the database at `url` (with `env` besides): its wall time, the last
/// line it printed and its peak memory (VmHWM, read while it runs) in MB.
pub fn binary(url: &str, args: &[&str], env: &[(&str, &str)]) -> (Duration, String, u64) {
    let t = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kesos-bot"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KESOS_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the kesos-bot binary runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = t.elapsed();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "kesos-bot {args:?} failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default().to_string();
    (took, last, peak_kib / 1024)
}
