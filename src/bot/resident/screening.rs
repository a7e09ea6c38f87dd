//! `/skrining`: the 14 BPS criteria one question at a time on one message (edited as the
//! resident answers), then the result and the offer of a proposal.

use super::{Ctx, Flow};
use crate::bot::button::{Answer, Button, ProposalPress};
use crate::bot::common::stale_button;
use crate::bot::menu::button;
use crate::bot::send;
use crate::bot::{ChatOf, HandlerResult};
use crate::domain::criteria::{self, Answers};
use crate::domain::lang::Lang;
use crate::i18n::{t, targs};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};

pub async fn start(cx: &Ctx) -> HandlerResult {
    cx.say(&t(cx.lang(), "skr-intro")).await?;
    let answers = Answers::default();
    let message = show_question(cx, &answers, None).await?;
    cx.set(Flow::Screening { message, answers }).await
}

/// Text typed while a question waits: the same question again, as a new message.
pub async fn buttons_only(cx: &Ctx, answers: Answers) -> HandlerResult {
    cx.say(&t(cx.lang(), "input-use-buttons")).await?;
    let message = show_question(cx, &answers, None).await?;
    cx.set(Flow::Screening { message, answers }).await
}

/// Text typed after the result: the offer again.
pub async fn offer_again(cx: &Ctx, answers: Answers) -> HandlerResult {
    let lang = cx.lang();
    cx.say(&t(lang, "input-use-buttons")).await?;
    cx.say_with(&t(lang, "usl-offer"), offer_keyboard(lang))
        .await?;
    cx.set(Flow::Screened { answers }).await
}

fn question(lang: Lang, answers: &Answers) -> (String, InlineKeyboardMarkup) {
    let n = answers.0.len() + 1;
    let body = targs(
        lang,
        "skr-question",
        &[
            ("n", (n as i64).into()),
            ("total", (criteria::COUNT as i64).into()),
            ("question", t(lang, &criteria::message_id(n)).into()),
        ],
    );
    let press = |answer| Button::Screening {
        question: n,
        answer,
    };
    // One answer per row: the labels say the answer, and are too long to share a row.
    let mut rows = vec![
        vec![button(
            lang,
            &criteria::answer_id(n, true),
            press(Answer::Yes),
        )],
        vec![button(
            lang,
            &criteria::answer_id(n, false),
            press(Answer::No),
        )],
    ];
    if n > 1 {
        rows.push(vec![button(lang, "skr-back", press(Answer::Back))]);
    }
    (body, InlineKeyboardMarkup::new(rows))
}

/// Shows the current question: edits `message` when given, else sends a new one. Returns the
/// id of the message that shows it (none when it could not be sent).
async fn show_question(
    cx: &Ctx,
    answers: &Answers,
    message: Option<i32>,
) -> anyhow::Result<Option<i32>> {
    let (body, keyboard) = question(cx.lang(), answers);
    let chat = cx.caller.chat();
    if let Some(id) = message {
        send::edit(
            &cx.bot,
            &cx.app.db,
            chat,
            MessageId(id),
            &body,
            Some(keyboard),
        )
        .await?;
        return Ok(Some(id));
    }
    match send::with_buttons(&cx.bot, &cx.app.db, chat, &body, keyboard).await? {
        send::Delivery::Sent(id) => Ok(Some(id.0)),
        // No message to edit later: the next step sends a new one.
        send::Delivery::Unreachable | send::Delivery::Kept => Ok(None),
    }
}

/// A press on the message that shows the current question.
#[derive(Debug, Clone)]
pub struct Press {
    pub message: Option<i32>,
    pub answers: Answers,
    pub question: usize,
    pub answer: Answer,
}

/// The answers after `answer` to question `question`; `None` when that is not the question
/// shown now (a press on an older state of the message).
fn answered(mut answers: Answers, question: usize, answer: Answer) -> Option<Answers> {
    if question != answers.0.len() + 1 || question > criteria::COUNT {
        return None;
    }
    match answer {
        Answer::Yes => answers.0.push(true),
        Answer::No => answers.0.push(false),
        Answer::Back if question > 1 => {
            answers.0.pop();
        }
        Answer::Back => return None,
    }
    Some(answers)
}

pub async fn on_press(cx: Ctx, q: CallbackQuery, press: Press) -> HandlerResult {
    let Some(answers) = answered(press.answers, press.question, press.answer) else {
        return stale_button(cx.bot.clone(), cx.caller.clone(), q).await;
    };
    let message = press.message;
    if answers.is_complete() {
        show_result(&cx, message, answers).await?;
    } else {
        show_question(&cx, &answers, message).await?;
        cx.set(Flow::Screening { message, answers }).await?;
    }
    cx.ack(&q).await
}

async fn show_result(cx: &Ctx, message: Option<i32>, answers: Answers) -> HandlerResult {
    let lang = cx.lang();
    let meaning = if answers.meets_threshold() {
        "skr-result-poor"
    } else {
        "skr-result-not-poor"
    };
    let result = targs(
        lang,
        "skr-result",
        &[
            ("met", (answers.met() as i64).into()),
            ("total", (criteria::COUNT as i64).into()),
            ("threshold", (criteria::THRESHOLD as i64).into()),
        ],
    );
    let body = format!(
        "{result}\n\n{}\n\n{}",
        t(lang, meaning),
        t(lang, "usl-offer")
    );
    cx.set(Flow::Screened { answers }).await?;
    let chat = cx.caller.chat();
    let keyboard = offer_keyboard(lang);
    match message {
        Some(m) => {
            let m = MessageId(m);
            send::edit(&cx.bot, &cx.app.db, chat, m, &body, Some(keyboard)).await?
        }
        None => {
            send::with_buttons(&cx.bot, &cx.app.db, chat, &body, keyboard).await?;
        }
    }
    Ok(())
}

pub fn offer_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(
            lang,
            "usl-start",
            Button::Proposal(ProposalPress::Start),
        )],
        vec![button(
            lang,
            "usl-no",
            Button::Proposal(ProposalPress::Decline),
        )],
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_question_shown_takes_an_answer() {
        let two = Answers(vec![true, false]);
        assert_eq!(
            answered(two.clone(), 3, Answer::Yes),
            Some(Answers(vec![true, false, true]))
        );
        assert_eq!(
            answered(two.clone(), 3, Answer::Back),
            Some(Answers(vec![true]))
        );
        assert_eq!(
            answered(two.clone(), 2, Answer::Yes),
            None,
            "an older press"
        );
        assert_eq!(answered(Answers::default(), 1, Answer::Back), None);
        assert_eq!(answered(Answers(vec![true; 14]), 15, Answer::Yes), None);
    }
}
