//! Every button the bot sends, as one type: [`Button::encode`] writes its callback data and
//! [`Button::parse`] reads it back, within Telegram's 64 bytes. Handlers match on values, never
//! on strings; a payload that does not parse (forged, or from a version that is gone) is
//! answered "this button is no longer valid" in one place (`bot::schema`).
//!
//! The wire format is short prefixes joined by `:` (`kj:r:12:eligible`); it is kept stable, so
//! that buttons on messages sent before an upgrade still work.

use crate::domain::complaint::Category;
use crate::domain::lang::Lang;
use crate::domain::region::RegionCode;
use crate::domain::task::VisitResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// `/bahasa`: the chosen language.
    Lang(Lang),
    /// `/hapusdata`: erase (true) or keep.
    Erase(bool),
    /// An entry of the main menu.
    Menu(Menu),
    /// `/skrining`: an answer to question `question` (1-based).
    Screening { question: usize, answer: Answer },
    /// The proposal (usulan) form.
    Proposal(ProposalPress),
    /// `/tugas`: the caller's task list.
    Tasks(TaskPress),
    /// `/tugaskan`: handing tasks to PSM.
    Handout(HandoutPress),
    /// `/kunjungan`: a step of the visit of `task`.
    Visit { task: i64, press: VisitPress },
    /// `/siaran`: writing a broadcast, and the author's list.
    Broadcast(BroadcastPress),
    /// "Sudah dibaca" under a broadcast.
    Read(i64),
    /// A resident stops (false) or starts again (true) receiving broadcasts.
    Notices(bool),
    /// `/aduan`: filing a complaint.
    Aduan(AduanPress),
    /// `/status`: the reporter's complaints.
    Status(StatusPress),
    /// A handler's step on complaint `complaint`.
    Handle { complaint: i64, press: HandlePress },
    /// `/rekap`: the summary of this area, or its realisasi table as a CSV document.
    Rekap { area: RegionCode, csv: bool },
    /// `/info` and `/cek`: the details of one program (its code, e.g. `SEMBAKO`).
    Program(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AduanPress {
    Category(Category),
    /// This desa/kelurahan.
    Village(RegionCode),
    /// Choose another: the kecamatan first.
    OtherVillage,
    /// The desa/kelurahan of this kecamatan, to choose from.
    Kecamatan(RegionCode),
    /// Keep the first 2,000 characters of a description that was too long.
    Trim,
    /// No (more) photos.
    PhotosDone,
    /// Stay anonymous (an objection), or not.
    Anonymous(bool),
    Send,
    /// Fill the form in again from the start.
    Redo,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusPress {
    /// The caller's complaints.
    List,
    Open(i64),
    /// Add text or a photo to an open complaint.
    Add(i64),
    /// Say a resolved complaint is not solved.
    Reopen(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandlePress {
    /// Show it (from a handler's list of open complaints).
    Open,
    /// Take it in hand.
    Take,
    /// Choose a PSM of the kelurahan.
    Handout,
    /// Hand it to this PSM (a workers id).
    To(i64),
    /// Answer it with a note: resolved.
    Resolve,
    /// Reject it with a reason.
    Reject,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BroadcastPress {
    /// All TKSK (Dinas Sosial).
    AllTksk,
    /// All PSM (Dinas Sosial).
    AllPsm,
    /// The PSM of the caller's own kecamatan (TKSK).
    MyPsm,
    /// Choose a kecamatan whose workers to address.
    PickWorkers,
    /// Choose a kecamatan, then a desa/kelurahan whose residents to address.
    PickResidents,
    /// The workers of this kecamatan.
    Workers(RegionCode),
    /// The desa/kelurahan of this kecamatan, to choose from.
    ResidentsIn(RegionCode),
    /// The residents of this desa/kelurahan.
    Residents(RegionCode),
    Now,
    Later,
    Send,
    Cancel,
    /// The author's recent broadcasts with their counts.
    List,
    /// Stop what is left of this broadcast.
    Stop(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Cek,
    Skrining,
    Info,
    Bantuan,
    Bahasa,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The answer that meets the criterion asked (whatever its button says).
    Yes,
    /// The answer that does not meet it.
    No,
    /// Back to the previous question.
    Back,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalPress {
    /// Start the proposal offered after the screening.
    Start,
    /// Decline the offer.
    Decline,
    Kecamatan(RegionCode),
    Kelurahan(RegionCode),
    /// Back to the choice of kecamatan.
    OtherKecamatan,
    Send,
    /// Fill the form in again from the start.
    Redo,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskPress {
    Page(i64),
    Open(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoutPress {
    Page(i64),
    /// Choose a PSM for this task.
    Choose(i64),
    Assign {
        task: i64,
        worker: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitPress {
    Start,
    Result(VisitResult),
    /// Toggle criterion `n` (1-based).
    Toggle(usize),
    CriteriaDone,
    NoPhoto,
    NoNotes,
    Save,
    Cancel,
}

impl Menu {
    const ALL: [(Menu, &'static str); 5] = [
        (Menu::Cek, "cek"),
        (Menu::Skrining, "skrining"),
        (Menu::Info, "info"),
        (Menu::Bantuan, "bantuan"),
        (Menu::Bahasa, "bahasa"),
    ];
    fn code(self) -> &'static str {
        Menu::ALL
            .iter()
            .find(|(m, _)| *m == self)
            .map_or("", |(_, c)| c)
    }
    fn parse(code: &str) -> Option<Menu> {
        Menu::ALL.iter().find(|(_, c)| *c == code).map(|(m, _)| *m)
    }
}

/// A program code as the program table holds them (`SEMBAKO`, `PKH`, `PBI`): short, upper-case
/// letters, digits, `_` and `-`.
fn program_code(code: &str) -> bool {
    (1..=20).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl Button {
    /// The callback data: at most 64 bytes (region codes and ids are short).
    pub fn encode(&self) -> String {
        let data = match self {
            Button::Lang(l) => format!("lang:{}", l.code()),
            Button::Erase(yes) => format!("erase:{}", if *yes { "yes" } else { "no" }),
            Button::Menu(m) => format!("menu:{}", m.code()),
            Button::Screening { question, answer } => {
                let a = match answer {
                    Answer::Yes => "y",
                    Answer::No => "n",
                    Answer::Back => "back",
                };
                format!("skr:{a}:{question}")
            }
            Button::Proposal(p) => match p {
                ProposalPress::Start => "usl:start".into(),
                ProposalPress::Decline => "usl:no".into(),
                ProposalPress::Kecamatan(c) => format!("usl:kec:{}", c.as_str()),
                ProposalPress::Kelurahan(c) => format!("usl:kel:{}", c.as_str()),
                ProposalPress::OtherKecamatan => "usl:kec".into(),
                ProposalPress::Send => "usl:send".into(),
                ProposalPress::Redo => "usl:redo".into(),
                ProposalPress::Cancel => "usl:cancel".into(),
            },
            Button::Tasks(TaskPress::Page(p)) => format!("tg:p:{p}"),
            Button::Tasks(TaskPress::Open(id)) => format!("tg:o:{id}"),
            Button::Handout(HandoutPress::Page(p)) => format!("tk:p:{p}"),
            Button::Handout(HandoutPress::Choose(id)) => format!("tk:t:{id}"),
            Button::Handout(HandoutPress::Assign { task, worker }) => {
                format!("tk:a:{task}:{worker}")
            }
            Button::Visit { task, press } => match press {
                VisitPress::Start => format!("kj:s:{task}"),
                VisitPress::Result(r) => format!("kj:r:{task}:{}", r.code()),
                VisitPress::Toggle(n) => format!("kj:t:{task}:{n}"),
                VisitPress::CriteriaDone => format!("kj:cd:{task}"),
                VisitPress::NoPhoto => format!("kj:np:{task}"),
                VisitPress::NoNotes => format!("kj:nn:{task}"),
                VisitPress::Save => format!("kj:ok:{task}"),
                VisitPress::Cancel => format!("kj:x:{task}"),
            },
            Button::Broadcast(p) => match p {
                BroadcastPress::AllTksk => "sr:a:tksk".into(),
                BroadcastPress::AllPsm => "sr:a:psm".into(),
                BroadcastPress::MyPsm => "sr:a:mine".into(),
                BroadcastPress::PickWorkers => "sr:a:kec".into(),
                BroadcastPress::PickResidents => "sr:a:war".into(),
                BroadcastPress::Workers(c) => format!("sr:w:{}", c.as_str()),
                BroadcastPress::ResidentsIn(c) => format!("sr:k:{}", c.as_str()),
                BroadcastPress::Residents(c) => format!("sr:r:{}", c.as_str()),
                BroadcastPress::Now => "sr:now".into(),
                BroadcastPress::Later => "sr:later".into(),
                BroadcastPress::Send => "sr:send".into(),
                BroadcastPress::Cancel => "sr:x".into(),
                BroadcastPress::List => "sr:l".into(),
                BroadcastPress::Stop(id) => format!("sr:stop:{id}"),
            },
            Button::Aduan(p) => match p {
                AduanPress::Category(c) => format!("ad:c:{}", c.code()),
                AduanPress::Village(c) => format!("ad:v:{}", c.as_str()),
                AduanPress::OtherVillage => "ad:v".into(),
                AduanPress::Kecamatan(c) => format!("ad:k:{}", c.as_str()),
                AduanPress::Trim => "ad:trim".into(),
                AduanPress::PhotosDone => "ad:pd".into(),
                AduanPress::Anonymous(yes) => format!("ad:an:{}", if *yes { "y" } else { "n" }),
                AduanPress::Send => "ad:send".into(),
                AduanPress::Redo => "ad:redo".into(),
                AduanPress::Cancel => "ad:x".into(),
            },
            Button::Status(p) => match p {
                StatusPress::List => "st:l".into(),
                StatusPress::Open(id) => format!("st:o:{id}"),
                StatusPress::Add(id) => format!("st:a:{id}"),
                StatusPress::Reopen(id) => format!("st:r:{id}"),
            },
            Button::Handle { complaint, press } => match press {
                HandlePress::Open => format!("cp:v:{complaint}"),
                HandlePress::Take => format!("cp:t:{complaint}"),
                HandlePress::Handout => format!("cp:h:{complaint}"),
                HandlePress::To(w) => format!("cp:p:{complaint}:{w}"),
                HandlePress::Resolve => format!("cp:ok:{complaint}"),
                HandlePress::Reject => format!("cp:no:{complaint}"),
            },
            Button::Program(code) => format!("prog:{code}"),
            Button::Rekap { area, csv } => {
                format!("rk:{}:{}", if *csv { "csv" } else { "a" }, area.as_str())
            }
            Button::Read(id) => format!("rd:{id}"),
            Button::Notices(on) => format!("nt:{}", if *on { "on" } else { "off" }),
        };
        debug_assert!(data.len() <= 64, "callback data too long: {data}");
        data
    }

    /// Reads callback data back; `None` for anything this version did not send.
    pub fn parse(data: &str) -> Option<Button> {
        let parts: Vec<&str> = data.split(':').collect();
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0);
        let region = |s: &str| RegionCode::parse(s).ok();
        Some(match parts.as_slice() {
            ["lang", "id"] => Button::Lang(Lang::Id),
            ["lang", "en"] => Button::Lang(Lang::En),
            ["erase", "yes"] => Button::Erase(true),
            ["erase", "no"] => Button::Erase(false),
            ["menu", m] => Button::Menu(Menu::parse(m)?),
            ["skr", a, n] => Button::Screening {
                question: n.parse().ok().filter(|n| *n >= 1)?,
                answer: match *a {
                    "y" => Answer::Yes,
                    "n" => Answer::No,
                    "back" => Answer::Back,
                    _ => return None,
                },
            },
            ["usl", "start"] => Button::Proposal(ProposalPress::Start),
            ["usl", "no"] => Button::Proposal(ProposalPress::Decline),
            ["usl", "kec"] => Button::Proposal(ProposalPress::OtherKecamatan),
            ["usl", "kec", c] => Button::Proposal(ProposalPress::Kecamatan(region(c)?)),
            ["usl", "kel", c] => Button::Proposal(ProposalPress::Kelurahan(region(c)?)),
            ["usl", "send"] => Button::Proposal(ProposalPress::Send),
            ["usl", "redo"] => Button::Proposal(ProposalPress::Redo),
            ["usl", "cancel"] => Button::Proposal(ProposalPress::Cancel),
            ["tg", "p", p] => Button::Tasks(TaskPress::Page(id(p)?)),
            ["tg", "o", t] => Button::Tasks(TaskPress::Open(id(t)?)),
            ["tk", "p", p] => Button::Handout(HandoutPress::Page(id(p)?)),
            ["tk", "t", t] => Button::Handout(HandoutPress::Choose(id(t)?)),
            ["tk", "a", t, w] => Button::Handout(HandoutPress::Assign {
                task: id(t)?,
                worker: id(w)?,
            }),
            ["kj", what, t, rest @ ..] => {
                let press = match (*what, rest) {
                    ("s", []) => VisitPress::Start,
                    ("r", [code]) => VisitPress::Result(VisitResult::parse(code)?),
                    ("t", [n]) => VisitPress::Toggle(n.parse().ok().filter(|n| *n >= 1)?),
                    ("cd", []) => VisitPress::CriteriaDone,
                    ("np", []) => VisitPress::NoPhoto,
                    ("nn", []) => VisitPress::NoNotes,
                    ("ok", []) => VisitPress::Save,
                    ("x", []) => VisitPress::Cancel,
                    _ => return None,
                };
                Button::Visit {
                    task: id(t)?,
                    press,
                }
            }
            ["sr", "a", who] => Button::Broadcast(match *who {
                "tksk" => BroadcastPress::AllTksk,
                "psm" => BroadcastPress::AllPsm,
                "mine" => BroadcastPress::MyPsm,
                "kec" => BroadcastPress::PickWorkers,
                "war" => BroadcastPress::PickResidents,
                _ => return None,
            }),
            ["sr", "w", c] => Button::Broadcast(BroadcastPress::Workers(region(c)?)),
            ["sr", "k", c] => Button::Broadcast(BroadcastPress::ResidentsIn(region(c)?)),
            ["sr", "r", c] => Button::Broadcast(BroadcastPress::Residents(region(c)?)),
            ["sr", "now"] => Button::Broadcast(BroadcastPress::Now),
            ["sr", "later"] => Button::Broadcast(BroadcastPress::Later),
            ["sr", "send"] => Button::Broadcast(BroadcastPress::Send),
            ["sr", "x"] => Button::Broadcast(BroadcastPress::Cancel),
            ["sr", "l"] => Button::Broadcast(BroadcastPress::List),
            ["sr", "stop", id_] => Button::Broadcast(BroadcastPress::Stop(id(id_)?)),
            ["ad", "c", c] => Button::Aduan(AduanPress::Category(Category::parse(c)?)),
            ["ad", "v", c] => Button::Aduan(AduanPress::Village(region(c)?)),
            ["ad", "v"] => Button::Aduan(AduanPress::OtherVillage),
            ["ad", "k", c] => Button::Aduan(AduanPress::Kecamatan(region(c)?)),
            ["ad", "trim"] => Button::Aduan(AduanPress::Trim),
            ["ad", "pd"] => Button::Aduan(AduanPress::PhotosDone),
            ["ad", "an", "y"] => Button::Aduan(AduanPress::Anonymous(true)),
            ["ad", "an", "n"] => Button::Aduan(AduanPress::Anonymous(false)),
            ["ad", "send"] => Button::Aduan(AduanPress::Send),
            ["ad", "redo"] => Button::Aduan(AduanPress::Redo),
            ["ad", "x"] => Button::Aduan(AduanPress::Cancel),
            ["st", "l"] => Button::Status(StatusPress::List),
            ["st", "o", c] => Button::Status(StatusPress::Open(id(c)?)),
            ["st", "a", c] => Button::Status(StatusPress::Add(id(c)?)),
            ["st", "r", c] => Button::Status(StatusPress::Reopen(id(c)?)),
            ["cp", what, c, rest @ ..] => Button::Handle {
                complaint: id(c)?,
                press: match (*what, rest) {
                    ("v", []) => HandlePress::Open,
                    ("t", []) => HandlePress::Take,
                    ("h", []) => HandlePress::Handout,
                    ("p", [w]) => HandlePress::To(id(w)?),
                    ("ok", []) => HandlePress::Resolve,
                    ("no", []) => HandlePress::Reject,
                    _ => return None,
                },
            },
            ["prog", code] if program_code(code) => Button::Program((*code).to_string()),
            ["rk", "a", c] => Button::Rekap {
                area: region(c)?,
                csv: false,
            },
            ["rk", "csv", c] => Button::Rekap {
                area: region(c)?,
                csv: true,
            },
            ["rd", b] => Button::Read(id(b)?),
            ["nt", "on"] => Button::Notices(true),
            ["nt", "off"] => Button::Notices(false),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Button> {
        let kel = RegionCode::parse("32.15.01.1001").unwrap();
        let mut all = vec![
            Button::Lang(Lang::Id),
            Button::Lang(Lang::En),
            Button::Erase(true),
            Button::Erase(false),
            Button::Screening {
                question: 14,
                answer: Answer::Back,
            },
            Button::Screening {
                question: 1,
                answer: Answer::Yes,
            },
            Button::Proposal(ProposalPress::Kecamatan(kel.parent().unwrap())),
            Button::Proposal(ProposalPress::Kelurahan(kel)),
            Button::Proposal(ProposalPress::OtherKecamatan),
            Button::Proposal(ProposalPress::Redo),
            Button::Tasks(TaskPress::Page(3)),
            Button::Tasks(TaskPress::Open(i64::MAX)),
            Button::Handout(HandoutPress::Assign {
                task: i64::MAX,
                worker: i64::MAX,
            }),
            Button::Read(i64::MAX),
            Button::Rekap {
                area: RegionCode::parse("32.15.01.1001").unwrap(),
                csv: true,
            },
            Button::Rekap {
                area: RegionCode::parse("32.15").unwrap(),
                csv: false,
            },
            Button::Aduan(AduanPress::Category(Category::Objection)),
            Button::Aduan(AduanPress::Village(
                RegionCode::parse("32.15.01.2001").unwrap(),
            )),
            Button::Aduan(AduanPress::OtherVillage),
            Button::Aduan(AduanPress::Kecamatan(
                RegionCode::parse("32.15.30").unwrap(),
            )),
            Button::Aduan(AduanPress::Trim),
            Button::Aduan(AduanPress::PhotosDone),
            Button::Aduan(AduanPress::Anonymous(true)),
            Button::Aduan(AduanPress::Anonymous(false)),
            Button::Aduan(AduanPress::Send),
            Button::Aduan(AduanPress::Redo),
            Button::Aduan(AduanPress::Cancel),
            Button::Status(StatusPress::List),
            Button::Status(StatusPress::Open(i64::MAX)),
            Button::Status(StatusPress::Add(i64::MAX)),
            Button::Status(StatusPress::Reopen(i64::MAX)),
            Button::Handle {
                complaint: i64::MAX,
                press: HandlePress::To(i64::MAX),
            },
            Button::Handle {
                complaint: 1,
                press: HandlePress::Reject,
            },
            Button::Notices(true),
            Button::Notices(false),
            Button::Program("SEMBAKO".into()),
            Button::Program("PROGRAM_BARU-2026".into()),
        ];
        let kec = RegionCode::parse("32.15.01").unwrap();
        let village = RegionCode::parse("32.15.01.2001").unwrap();
        for press in [
            BroadcastPress::AllTksk,
            BroadcastPress::AllPsm,
            BroadcastPress::MyPsm,
            BroadcastPress::PickWorkers,
            BroadcastPress::PickResidents,
            BroadcastPress::Workers(kec.clone()),
            BroadcastPress::ResidentsIn(kec),
            BroadcastPress::Residents(village),
            BroadcastPress::Now,
            BroadcastPress::Later,
            BroadcastPress::Send,
            BroadcastPress::Cancel,
            BroadcastPress::List,
            BroadcastPress::Stop(i64::MAX),
        ] {
            all.push(Button::Broadcast(press));
        }
        all.extend(Menu::ALL.iter().map(|(m, _)| Button::Menu(*m)));
        for press in [
            VisitPress::Start,
            VisitPress::Toggle(14),
            VisitPress::CriteriaDone,
            VisitPress::NoPhoto,
            VisitPress::NoNotes,
            VisitPress::Save,
            VisitPress::Cancel,
        ]
        .into_iter()
        .chain(VisitResult::ALL.map(VisitPress::Result))
        {
            all.push(Button::Visit {
                task: i64::MAX,
                press,
            });
        }
        all
    }

    #[test]
    fn every_button_reads_back_as_itself_within_64_bytes() {
        for b in samples() {
            let data = b.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Button::parse(&data), Some(b), "{data}");
        }
    }

    #[test]
    fn the_wire_format_of_buttons_already_sent_still_reads() {
        assert_eq!(
            Button::parse("kj:r:12:eligible"),
            Some(Button::Visit {
                task: 12,
                press: VisitPress::Result(VisitResult::FoundEligible)
            })
        );
        assert_eq!(Button::parse("menu:cek"), Some(Button::Menu(Menu::Cek)));
        assert_eq!(
            Button::parse("tk:a:5:7"),
            Some(Button::Handout(HandoutPress::Assign { task: 5, worker: 7 }))
        );
    }

    #[test]
    fn forged_or_foreign_payloads_do_not_parse() {
        for data in [
            "",
            "lang:fr",
            "menu:admin",
            "skr:y:0",
            "skr:maybe:3",
            "usl:kel:32.15.01.1001; DROP TABLE",
            "usl:kel:9",
            "tg:o:-1",
            "tg:o:abc",
            "tk:a:5",
            "kj:r:12:rich",
            "kj:s:12:extra",
            "kj:t:12:0",
            "sr:a:warga",
            "rd:-5",
            "nt:maybe",
            "ad:c:bribe",
            "cp:p:5",
            "st:o:-1",
        ] {
            assert_eq!(Button::parse(data), None, "{data}");
        }
    }
}
