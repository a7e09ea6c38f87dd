//! Dialogue states saved before the flows were typed (a proposal as a step plus a draft of
//! options, a visit as one struct with a step field). A chat in the middle of one at the upgrade
//! goes on where it was: its state is read in the old shape and carried over once. Anything the
//! old draft lacks for its step starts that flow's form again (logged by the caller).

use super::State;
use super::resident::{
    Flow as ResidentFlow,
    proposal::{Base, Form, Step, Who},
};
use super::worker::Flow as WorkerFlow;
use super::worker::visit::draft::{Found, Spot, Step as VisitStep, Visit};
use crate::domain::criteria::Answers;
use crate::domain::task::VisitResult;
use serde::Deserialize;

#[derive(Deserialize)]
enum Old {
    Resident(OldResident),
    Worker(OldWorker),
}

#[derive(Deserialize)]
enum OldResident {
    Proposal { step: OldStep, draft: OldDraft },
}

#[derive(Deserialize)]
enum OldStep {
    Name,
    Nik,
    Kecamatan,
    Kelurahan { kecamatan: String },
    Address,
    RtRw,
    Phone,
    Confirm,
}

#[derive(Deserialize)]
struct OldDraft {
    answers: String,
    key: String,
    name: Option<String>,
    nik_hash: Option<String>,
    nik_masked: Option<String>,
    kelurahan: Option<String>,
    address: Option<String>,
    rt: Option<String>,
    rw: Option<String>,
    phone: Option<String>,
}

#[derive(Deserialize)]
enum OldWorker {
    Visit(OldVisit),
}

#[derive(Deserialize)]
enum OldVisitStep {
    Location,
    SkipReason,
    Result,
    Criteria,
    Photo,
    Notes,
    Confirm,
}

#[derive(Deserialize)]
struct OldVisit {
    task: i64,
    step: OldVisitStep,
    lat: Option<f64>,
    lon: Option<f64>,
    skip: Option<String>,
    result: Option<VisitResult>,
    answers: Option<String>,
    photo: Option<String>,
    notes: Option<String>,
}

/// A state in the old shape, carried over; `None` when it is not one.
pub fn carry_over(json: &str) -> Option<State> {
    Some(match serde_json::from_str::<Old>(json).ok()? {
        Old::Resident(OldResident::Proposal { step, draft }) => {
            let step = proposal(step, draft)?;
            State::Resident(ResidentFlow::Proposal(Box::new(step)))
        }
        Old::Worker(OldWorker::Visit(v)) => State::Worker(WorkerFlow::Visit(visit(v))),
    })
}

fn proposal(step: OldStep, d: OldDraft) -> Option<Step> {
    let base = Base {
        answers: Answers::decode(&d.answers)?,
        key: d.key,
    };
    let who = match (d.name.clone(), d.nik_hash, d.nik_masked) {
        (Some(name), Some(nik_hash), Some(nik_masked)) => Some(Who {
            base: base.clone(),
            name,
            nik_hash,
            nik_masked,
        }),
        _ => None,
    };
    let form = |who: Who| -> Option<Form> {
        Some(Form {
            who,
            kelurahan: d.kelurahan.clone()?,
            address: d.address.clone()?,
            rt: d.rt.clone(),
            rw: d.rw.clone(),
        })
    };
    let carried = match (step, who) {
        (OldStep::Name, _) => None,
        (OldStep::Nik, _) => d.name.map(|name| Step::Nik {
            base: base.clone(),
            name,
        }),
        (OldStep::Kecamatan, Some(who)) => Some(Step::Kecamatan(who)),
        (OldStep::Kelurahan { kecamatan }, Some(who)) => Some(Step::Kelurahan { who, kecamatan }),
        (OldStep::Address, Some(who)) => d
            .kelurahan
            .map(|kelurahan| Step::Address { who, kelurahan }),
        (OldStep::RtRw, Some(who)) => match (d.kelurahan, d.address) {
            (Some(kelurahan), Some(address)) => Some(Step::RtRw {
                who,
                kelurahan,
                address,
            }),
            _ => None,
        },
        (OldStep::Phone, Some(who)) => form(who).map(Step::Phone),
        (OldStep::Confirm, Some(who)) => form(who).map(|form| Step::Confirm {
            form,
            phone: d.phone,
        }),
        _ => None,
    };
    Some(carried.unwrap_or(Step::Name(base)))
}

fn visit(v: OldVisit) -> Visit {
    let spot = match (v.lat, v.lon, v.skip) {
        (Some(lat), Some(lon), _) => Some(Spot::At { lat, lon }),
        (_, _, Some(reason)) => Some(Spot::Skipped { reason }),
        _ => None,
    };
    let answers = v.answers.as_deref().and_then(Answers::decode);
    let found = |spot: Spot, result| Found {
        spot,
        result,
        answers: answers.clone(),
    };
    let step = match (v.step, spot, v.result) {
        (OldVisitStep::SkipReason, None, _) => VisitStep::SkipReason,
        (OldVisitStep::Result, Some(spot), _) => VisitStep::Result { spot },
        (OldVisitStep::Criteria, Some(spot), Some(result)) => VisitStep::Criteria {
            spot,
            result,
            answers: answers.clone().unwrap_or_default(),
        },
        (OldVisitStep::Photo, Some(spot), Some(result)) => VisitStep::Photo {
            found: found(spot, result),
        },
        (OldVisitStep::Notes, Some(spot), Some(result)) => VisitStep::Notes {
            found: found(spot, result),
            photo: v.photo,
        },
        (OldVisitStep::Confirm, Some(spot), Some(result)) => VisitStep::Confirm {
            found: found(spot, result),
            photo: v.photo,
            notes: v.notes,
        },
        // Missing what its step needs (or at the start): from the location again.
        _ => VisitStep::Location,
    };
    Visit { task: v.task, step }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_half_filled_before_the_upgrade_goes_on_at_its_step() {
        let old = r#"{"Resident":{"Proposal":{"step":"RtRw","draft":{"answers":"yyyyyyyyynnnnn","key":"k1","name":"Siti","nik_hash":"h","nik_masked":"3215********0001","kelurahan":"32.15.01.1001","address":"Jl. Tuparev","rt":null,"rw":null,"phone":null}}}}"#;
        let State::Resident(ResidentFlow::Proposal(step)) = carry_over(old).unwrap() else {
            panic!()
        };
        let Step::RtRw { who, address, .. } = *step else {
            panic!("{step:?}")
        };
        assert_eq!((who.name.as_str(), who.base.key.as_str()), ("Siti", "k1"));
        assert_eq!(address, "Jl. Tuparev");
        // A draft missing what its step needs starts the form again, with its key.
        let broken = r#"{"Resident":{"Proposal":{"step":"Confirm","draft":{"answers":"","key":"k2","name":null,"nik_hash":null,"nik_masked":null,"kelurahan":null,"address":null,"rt":null,"rw":null,"phone":null}}}}"#;
        let State::Resident(ResidentFlow::Proposal(step)) = carry_over(broken).unwrap() else {
            panic!()
        };
        assert!(
            matches!(*step, Step::Name(ref b) if b.key == "k2"),
            "{step:?}"
        );
    }

    #[test]
    fn a_visit_at_its_photo_step_before_the_upgrade_goes_on_there() {
        let old = r#"{"Worker":{"Visit":{"task":12,"step":"Photo","lat":-6.3,"lon":107.3,"skip":null,"result":"FoundEligible","answers":"yyyyyyyyyynnnn","photo":null,"notes":null}}}"#;
        let State::Worker(WorkerFlow::Visit(v)) = carry_over(old).unwrap() else {
            panic!()
        };
        assert_eq!(v.task, 12);
        let VisitStep::Photo { found } = v.step else {
            panic!("{v:?}")
        };
        assert_eq!(found.result, VisitResult::FoundEligible);
        assert_eq!(found.answers.map(|a| a.met()), Some(10));
        assert!(
            carry_over(r#"{"Resident":"CekNik"}"#).is_none(),
            "not an old shape"
        );
    }
}
