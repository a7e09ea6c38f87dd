// Re-embed migrations and locale files when any of them changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=locales");
    // The integration suite runs on PostgreSQL too when KESOS_TEST_POSTGRES_URL is set. Without
    // it, an always-ignored test (tests/suite/main.rs) puts the skipped half into libtest's
    // summary; `#[ignore]` is decided at build time, hence this cfg. Changing the variable
    // rebuilds the crate.
    println!("cargo:rerun-if-env-changed=KESOS_TEST_POSTGRES_URL");
    println!("cargo:rustc-check-cfg=cfg(kesos_postgres_tests)");
    if std::env::var("KESOS_TEST_POSTGRES_URL").is_ok_and(|v| !v.trim().is_empty()) {
        println!("cargo:rustc-cfg=kesos_postgres_tests");
    }
}
