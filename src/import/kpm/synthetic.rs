//! Synthetic KPM files for benches and trials: plausible, unique NIKs and names, row by row.

/// A synthetic KPM file for benches and trials (`examples/gen_kpm.rs`): `rows` households of
/// one member each in Kecamatan Karawang Barat, semicolon-separated with a BOM. Row `i` has the
/// NIK [`synthetic_nik`]`(i)` and the name [`synthetic_name`]`(i)`.
pub fn write_synthetic(mut out: impl std::io::Write, rows: u64) -> std::io::Result<()> {
    const VILLAGES: [&str; 8] = [
        "32.15.01.1001",
        "Adiarsa Barat",
        "32.15.01.1005",
        "Kelurahan Nagasari",
        "32.15.01.1007",
        "Karangpawitan",
        "32.15.01.1011",
        "Mekarjati",
    ];
    const PROGRAMS: [&str; 4] = ["SEMBAKO", "SEMBAKO|PKH", "PBI", "SEMBAKO|PKH|PBI"];
    const KKS: [&str; 4] = ["aktif", "aktif", "belum_terdistribusi", "bermasalah"];
    out.write_all(
        "\u{feff}nik;nama;no_kk;kelurahan;program;status_kks;aktif;alamat;rt;rw;desil\n".as_bytes(),
    )?;
    for i in 0..rows {
        writeln!(
            out,
            "{};{};321501{:010};{};{};{};{};Jl. Contoh No. {};{:03};{:03};{}",
            synthetic_nik(i),
            synthetic_name(i),
            i,
            VILLAGES[(i % 8) as usize],
            PROGRAMS[(i % 4) as usize],
            KKS[(i / 4 % 4) as usize],
            if i % 10 == 9 { "tidak" } else { "ya" },
            i % 200 + 1,
            i % 15 + 1,
            i % 9 + 1,
            i % 4 + 1,
        )?;
    }
    out.flush()
}

/// The (plausible, unique up to 134 million rows) NIK of synthetic row `i`.
pub fn synthetic_nik(i: u64) -> String {
    let serial = i % 9999 + 1;
    let slot = i / 9999;
    let day = slot % 28 + 1 + if i % 2 == 1 { 40 } else { 0 };
    let month = slot / 28 % 12 + 1;
    let year = 60 + slot / 336 % 40;
    format!("321501{day:02}{month:02}{year:02}{serial:04}")
}

pub fn synthetic_name(i: u64) -> String {
    const FIRST: [&str; 8] = [
        "SITI", "BUDI", "DEDE", "ASEP", "NENG", "UJANG", "EUIS", "AGUS",
    ];
    const LAST: [&str; 6] = [
        "AMINAH", "SANTOSO", "KURNIA", "HIDAYAT", "RAHAYU", "SETIAWAN",
    ];
    format!("{} {}", FIRST[(i % 8) as usize], LAST[(i / 8 % 6) as usize])
}

/// A synthetic penyaluran file matching [`write_synthetic`]`(households)`: the SEMBAKO record
/// of every household in that program (three in four: row `i` with `i % 4 != 2`) for each month
/// of `year`, by No. KK; one in seven months not received.
pub fn write_synthetic_distributions(
    mut out: impl std::io::Write,
    households: u64,
    year: i32,
) -> std::io::Result<()> {
    out.write_all(b"no_kk;program;periode;diterima\n")?;
    for month in 1..=12u64 {
        for i in (0..households).filter(|i| i % 4 != 2) {
            let received = (i + month) % 7 != 0;
            writeln!(
                out,
                "321501{i:010};SEMBAKO;{year}-{month:02};{}",
                if received { "ya" } else { "tidak" }
            )?;
        }
    }
    out.flush()
}
