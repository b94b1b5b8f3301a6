//! Cues derived from the shape of a text rather than named by a lexicon entry: a greeting
//! with a name, a question about the customer, a commitment or a self-help step, a policy
//! wall followed by an alternative; in a customer's message, a problem report, emphasis, a
//! greeting that is not a cue.

use super::{Cache, Finding, Source};
use crate::compile::Matcher;
use crate::kind::{Concern, Dimension, Emotion, Kind};
use crate::lexicon::ContextKind;
use crate::model::Model;
use crate::report::{Rule, Rules};
use crate::text::segment::{self, Tok};
use crate::text::token::TokenKind;

impl Cache {
    /// Sorts the findings back into text order after a pass pushed some past index `from`
    /// (the passes after it walk them with a cursor).
    fn back_in_text_order(&mut self, from: usize) {
        if self.findings.len() > from {
            self.findings
                .sort_unstable_by_key(|f| (f.start, f.end, f.kind));
        }
    }

    /// A policy refusal is not a wall when the reply goes on to offer something else.
    pub(super) fn weaken_walls_with_alternatives(&mut self, weights: &Model) {
        let wall = Kind::Concern(Concern::PolicyWall);
        let Some(first_wall) = self.findings.iter().find(|f| f.kind == wall).map(|f| f.end) else {
            return;
        };
        let toks = &self.segments.toks;
        let alternative_after =
            self.context.iter().any(|c| {
                c.is(ContextKind::Alternative) && toks[c.first].start as usize >= first_wall
            }) || self.findings.iter().any(|f| {
                f.start >= first_wall
                    && f.kind == Kind::Dimension(Dimension::Ownership)
                    && f.weight > 0.0
            });
        if alternative_after {
            for f in self.findings.iter_mut().filter(|f| f.kind == wall) {
                f.weight *= weights.alternative_offered;
                f.rules.insert(Rule::AlternativeOffered);
            }
        }
    }

    /// "Hi there!", "Thanks so much for the photos!": in a reply an exclamation is warmth
    /// (raters of real replies call 70 % of the replies that exclaim reassuring, against 28 %
    /// of the rest, upset customers or not). Each exclaimed sentence with a word in it is weak
    /// reassurance, unless it is quoted or carries a concern ("Read the terms!" is no warmth).
    pub(super) fn exclamations(&mut self, weights: &Model) {
        if weights.exclamation <= 0.0 {
            return;
        }
        let reassurance = Kind::Dimension(Dimension::Reassurance);
        let cues = self.findings.len();
        debug_assert!(self.findings.windows(2).all(|w| w[0].start <= w[1].start));
        let mut seen = 0;
        for (s, sentence) in self.segments.sentences.iter().enumerate() {
            if sentence.exclaims == 0 {
                continue;
            }
            let toks = &self.segments.toks[self.segments.sentence_tokens(s)];
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let quoted = first.has(segment::QUOTED) || last.has(segment::QUOTED);
            if quoted || !toks.iter().any(|t| t.kind == TokenKind::Word) {
                continue;
            }
            let (start, end) = (first.start as usize, last.end as usize);
            // The findings are in text order: one cursor serves every sentence.
            seen = skip_before(&self.findings[..cues], seen, start);
            let concern = self.findings[seen..cues]
                .iter()
                .take_while(|f| f.start < end)
                .any(|f| matches!(f.kind, Kind::Concern(_)) && f.weight > 0.0);
            if !concern {
                self.findings.push(Finding::plain(
                    reassurance,
                    (start, end),
                    Source::Exclamation,
                    weights.exclamation,
                ));
            }
        }
        // Pushed, then sorted once: inserting each in place would be quadratic on a huge text.
        self.back_in_text_order(cues);
    }

    /// "You'll need to contact AT&T", "work with Microsoft": a referral ("contact", "reach out
    /// to") right before a name the vocabulary does not know, or one in capitals, sends the
    /// customer to another company — deflection, where no deflection cue already reads it.
    /// (A known word after it, "contact Home Delivery", "call Monday", is no name.)
    pub(super) fn referrals_by_name(&mut self, weights: &Model) {
        if weights.referral <= 0.0 {
            return;
        }
        let deflection = Kind::Concern(Concern::Deflection);
        let toks = &self.segments.toks;
        let cues = self.findings.len();
        debug_assert!(self.findings.windows(2).all(|w| w[0].start <= w[1].start));
        let mut seen = 0;
        for c in &self.context {
            if !c.is(ContextKind::Referral) {
                continue;
            }
            let Some(next) = toks.get(c.last + 1) else {
                continue;
            };
            let name = next.kind == TokenKind::Word
                && !next.has(segment::BREAK_BEFORE)
                && (next.has(segment::ALL_CAPS)
                    || (next.has(segment::CAPITALIZED) && next.word == segment::NO_WORD));
            if !name {
                continue;
            }
            let (start, end) = (toks[c.first].start as usize, next.end as usize);
            // Context hits come by start and the findings are in text order: one cursor, and
            // a short look back for a cue that began before the referral and covers it.
            seen = skip_before(&self.findings[..cues], seen, start);
            let read = self.findings[seen..cues]
                .iter()
                .take_while(|f| f.start < end)
                .chain(self.findings[..seen].iter().rev().take(8))
                .any(|f| f.kind == deflection && f.end > start && f.start < end);
            if !read {
                self.findings.push(Finding::plain(
                    deflection,
                    (start, end),
                    Source::Referral,
                    weights.referral,
                ));
            }
        }
        self.back_in_text_order(cues);
    }

    /// A question ("Is your mum safe right now?") explores, weakly, even when no exploration
    /// cue matched; one that does not address the customer explores less, and so does a bare
    /// data request.
    pub(super) fn open_questions_about_the_customer(&mut self, matcher: &Matcher, weights: &Model) {
        let addressees = &matcher.addressees;
        let exploration = Kind::Dimension(Dimension::Exploration);
        let toks = &self.segments.toks;
        let cues = self.findings.len();
        debug_assert!(self.findings.windows(2).all(|w| w[0].start <= w[1].start));
        let mut seen = 0;
        for (s, sentence) in self.segments.sentences.iter().enumerate() {
            if !sentence.question {
                continue;
            }
            let std::ops::Range { start: i, end: j } = self.segments.sentence_tokens(s);
            if i == j {
                continue;
            }
            let (start, end) = (toks[i].start as usize, toks[j - 1].end as usize);
            let about_you = toks[i..j].iter().any(|t| addressees.contains(&t.word));
            // `found` is in text order here, so one cursor serves every sentence (a scan of
            // all evidence per question would be quadratic on a huge text).
            seen = skip_before(&self.findings[..cues], seen, start);
            let explored = self.findings[seen..cues]
                .iter()
                .take_while(|f| f.start < end)
                .any(|f| f.kind == exploration && f.end <= end);
            if !explored {
                let mut rules = Rules::EMPTY;
                rules.insert(Rule::Question);
                let mut weight = weights.open_question.min(1.0);
                if !about_you {
                    weight *= weights.impersonal_question;
                }
                if sentence.data_request {
                    rules.insert(Rule::DataRequest);
                    weight *= weights.data_request;
                }
                let base = weights.open_question.min(1.0);
                self.findings.push(Finding {
                    weight,
                    rules,
                    ..Finding::plain(exploration, (start, end), Source::Question, base)
                });
            }
        }
        self.back_in_text_order(cues);
    }

    /// "I've emailed you the itinerary", "I'm checking with the depot", "let me pull up your
    /// order": a first-person commitment followed by what the agent does is ownership,
    /// weakly, when no cue already reads that phrase (no finding starts at the subject) and
    /// it is not negated ("I'll never…").
    pub(super) fn commitments(&mut self, weights: &Model) {
        let ownership = Kind::Dimension(Dimension::Ownership);
        let toks = &self.segments.toks;
        let cues = self.findings.len();
        debug_assert!(self.findings.windows(2).all(|w| w[0].start <= w[1].start));
        let mut seen = 0;
        for c in &self.context {
            if !c.is(ContextKind::Commitment) {
                continue;
            }
            let Some(next) = toks.get(c.last + 1) else {
                continue;
            };
            let joined = next.kind == TokenKind::Word
                && !next.has(segment::BREAK_BEFORE)
                && next.clause == toks[c.last].clause;
            let start = toks[c.first].start as usize;
            // Context hits come by start, and the findings so far are in text order.
            seen = skip_before(&self.findings[..cues], seen, start);
            // Read already: a finding starts at the subject, or covers it ("nothing I can do").
            let read = self.findings[seen..cues]
                .first()
                .is_some_and(|f| f.start == start)
                || self.findings[..seen]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|f| f.end > start);
            let negated = self
                .context
                .iter()
                .any(|n| n.first == c.last + 1 && n.is(ContextKind::Negator));
            if joined && !read && !negated {
                let span = (start, next.end as usize);
                self.findings.push(Finding::plain(
                    ownership,
                    span,
                    Source::Commitment,
                    weights.commitment,
                ));
            }
        }
        self.back_in_text_order(cues);
    }

    /// "Try clearing the cache", "please restart the router", "then tap Settings": a help
    /// verb that opens its clause (after at most one opener such as "please") is a
    /// self-help step, the guideline's ownership 1 ("a correct self-help instruction").
    /// Weakly, once per sentence, and only where no ownership cue already reads it; "don't
    /// reset" does not open with the verb, and "check www.example.com" only points to a link.
    pub(super) fn instructions(&mut self, weights: &Model) {
        if weights.instruction <= 0.0 {
            return;
        }
        let ownership = Kind::Dimension(Dimension::Ownership);
        let toks = &self.segments.toks;
        let cues = self.findings.len();
        let (mut seen, mut opener, mut last_sentence) = (0, None, None);
        for c in &self.context {
            if c.is(ContextKind::InstructionOpener) && toks[c.first].has(segment::FIRST_IN_CLAUSE) {
                opener = Some(c.last);
            }
            if !c.is(ContextKind::Instruction) {
                continue;
            }
            let head = &toks[c.first];
            let opens = head.has(segment::FIRST_IN_CLAUSE)
                || (opener.is_some_and(|o| o + 1 == c.first)
                    && toks[c.first - 1].clause == head.clause);
            // "Check www.example.com" only points to a link: the guideline's ownership 0.
            let to_a_link = toks[c.last + 1..]
                .iter()
                .take(3)
                .take_while(|t| t.sentence == head.sentence)
                .any(|t| t.kind == TokenKind::Url);
            if !opens || to_a_link || last_sentence == Some(head.sentence) {
                continue;
            }
            let (start, end) = (head.start as usize, toks[c.last].end as usize);
            // The findings are in text order: one cursor serves every step.
            while seen < cues && self.findings[seen].end <= start {
                seen += 1;
            }
            let read = self.findings[seen..cues]
                .iter()
                .take_while(|f| f.start < end)
                .any(|f| f.kind == ownership);
            if !read {
                last_sentence = Some(head.sentence);
                self.findings.push(Finding::plain(
                    ownership,
                    (start, end),
                    Source::Instruction,
                    weights.instruction,
                ));
            }
        }
        self.back_in_text_order(cues);
    }

    /// "Good morning, my card expired": a word inside the greeting that opens a customer's
    /// clause is the greeting, not a cue ("good" is gratitude elsewhere). Only a finding
    /// strictly inside the greeting goes; a cue as long as it ("thank you so much") stays.
    pub(super) fn greetings_are_not_cues(&mut self) {
        let toks = &self.segments.toks;
        let mut greetings = self
            .context
            .iter()
            .filter(|c| {
                c.is(ContextKind::Greeting)
                    && c.last > c.first
                    && toks[c.first].has(segment::FIRST_IN_CLAUSE)
            })
            .map(|c| (toks[c.first].start as usize, toks[c.last].end as usize))
            .peekable();
        if greetings.peek().is_none() {
            return;
        }
        let mut current = greetings.next();
        self.findings.retain(|f| {
            while let Some((_, end)) = current
                && end <= f.start
            {
                current = greetings.next();
            }
            !current.is_some_and(|(start, end)| {
                start <= f.start && f.end <= end && f.end - f.start < end - start
            })
        });
    }

    /// A customer rarely names a feeling; they say what does not work: "can't log in", "never
    /// arrived", "still no refund". A negation in a customer's message is a weak sign of
    /// frustration (once per sentence), beside whatever the emotion cues found.
    pub(super) fn problem_reports(&mut self, weights: &Model) {
        if weights.problem_report <= 0.0 {
            return;
        }
        let frustration = Kind::Emotion(Emotion::Frustration);
        let toks = &self.segments.toks;
        let mut last_sentence = None;
        let before = self.findings.len();
        for c in self.context.iter().filter(|c| c.is(ContextKind::Negator)) {
            let sentence = toks[c.first].sentence;
            if last_sentence == Some(sentence) {
                continue;
            }
            last_sentence = Some(sentence);
            let span = (toks[c.first].start as usize, toks[c.last].end as usize);
            let base = weights.problem_report;
            self.findings
                .push(Finding::plain(frustration, span, Source::Problem, base));
        }
        self.back_in_text_order(before);
    }

    /// "I've sent FOUR emails", "WHY IS MY BILL $340", "so much for your \"unlimited\"
    /// plan": a customer stresses a word (or the whole message) in capitals, or throws the
    /// company's own word back in quotation marks (one to three words, the first in lower
    /// case: a menu label or a quoted error message is neither). Either is a weak sign of
    /// anger, once per message. A word in capitals the vocabulary does not know is taken for
    /// an acronym ("JFK", "PS4").
    pub(super) fn emphasis(&mut self, text: &str, weights: &Model) {
        if weights.emphasis <= 0.0 {
            return;
        }
        let anger = Kind::Emotion(Emotion::Anger);
        let toks = &self.segments.toks;
        let capitals = |t: &&Tok| {
            t.kind == TokenKind::Word
                && t.has(segment::ALL_CAPS)
                && t.end - t.start >= 3
                && t.word != segment::NO_WORD
        };
        let before = self.findings.len();
        if let Some(t) = toks.iter().find(capitals) {
            let span = (t.start as usize, t.end as usize);
            self.findings.push(Finding::plain(
                anger,
                span,
                Source::Emphasis,
                weights.emphasis,
            ));
        }
        let opens = |at: u32| text[..at as usize].ends_with(['"', '“']);
        let closes = |at: u32| text[at as usize..].starts_with(['"', '”']);
        let quote = (0..toks.len()).find_map(|i| {
            let first = &toks[i];
            if !first.has(segment::QUOTED) || first.has(segment::CAPITALIZED) || !opens(first.start)
            {
                return None;
            }
            let run = toks[i..]
                .iter()
                .take(3)
                .take_while(|t| t.kind == TokenKind::Word && t.has(segment::QUOTED));
            run.into_iter()
                .find(|t| closes(t.end))
                .map(|t| (first.start as usize, t.end as usize))
        });
        if let Some((start, end)) = quote {
            self.findings.push(Finding::plain(
                anger,
                (start, end),
                Source::Emphasis,
                weights.emphasis,
            ));
        }
        self.back_in_text_order(before);
    }

    /// "ordered a size M, got an XXL. impressive": praise left on its own to close a message
    /// that reports trouble is sarcasm — anger, and the praise is no gratitude. The closing
    /// clause is a sarcastic closer (one other word may go with it: "impressive honestly"),
    /// its sentence has no "!", at least four words come before it, and before it there is a
    /// sign of trouble that a written cue reads (the learned layer's words are too faint for it)
    /// and no other good feeling ("got my card in 2 days, nice" is praise).
    pub(super) fn sarcastic_closers(&mut self, matcher: &Matcher, weights: &Model) {
        /// A closing clause longer than this (in tokens, handles and emoji included) is no
        /// lone remark; the bound also keeps the coverage check below linear in the context hits.
        const MAX_CLOSER_TOKENS: usize = 8;
        if weights.sarcasm <= 0.0 {
            return;
        }
        let toks = &self.segments.toks;
        let is_word = |t: &Tok| matches!(t.kind, TokenKind::Word | TokenKind::Number);
        let Some(last) = toks.iter().rposition(is_word) else {
            return;
        };
        let clause = toks[last].clause;
        let first = toks[..last]
            .iter()
            .rposition(|t| t.clause != clause)
            .map_or(0, |i| i + 1);
        let words = toks[first..=last].iter().filter(|t| is_word(t)).count();
        let before = toks[..first].iter().filter(|t| is_word(t)).count();
        let sentence = &self.segments.sentences[toks[last].sentence as usize];
        if last - first >= MAX_CLOSER_TOKENS || words > 3 || before < 4 || sentence.exclaims > 0 {
            return;
        }
        let closers = || {
            self.context.iter().filter(|c| {
                c.is(ContextKind::SarcasticCloser) && c.first >= first && c.last <= last
            })
        };
        let covered = (first..=last)
            .filter(|&i| is_word(&toks[i]) && closers().any(|c| (c.first..=c.last).contains(&i)))
            .count();
        if covered == 0 || words - covered > 1 {
            return;
        }
        let start = toks[first].start as usize;
        let earlier = || self.findings.iter().filter(|f| f.start < start);
        let trouble = earlier().any(|f| {
            matches!(
                f.kind,
                Kind::Emotion(
                    Emotion::Frustration | Emotion::Anger | Emotion::Sadness | Emotion::Anxiety
                )
            ) && f.weight > 0.0
                && !matches!(f.source, Source::Entry(i) if matcher.cue(i).learned)
        });
        if !trouble || earlier().any(is_good_feeling) {
            return;
        }
        for f in self.findings.iter_mut().filter(|f| f.start >= start) {
            if is_good_feeling(f) {
                f.apply(Rule::Sarcastic, 0.0);
            }
        }
        let before = self.findings.len();
        self.findings.push(Finding::plain(
            Kind::Emotion(Emotion::Anger),
            (start, toks[last].end as usize),
            Source::Sarcasm,
            weights.sarcasm,
        ));
        self.back_in_text_order(before);
    }

    /// "thanks a lot 😒", "great service 🙄": praise in a sentence whose emoji rolls its eyes
    /// (an emoji read as frustration or anger, in it or opening the next) is sarcasm, so the
    /// praise counts as no gratitude. The emoji keeps its own weight. Both walks go in text
    /// order, so the check is linear in the findings.
    pub(super) fn eye_rolls(&mut self) {
        let toks = &self.segments.toks;
        let sentences = &self.segments.sentences;
        // The token a finding starts at, and its index.
        let token_at = |f: &Finding| {
            let i = toks.partition_point(|t| (t.start as usize) < f.start);
            toks.get(i).map(|t| (i, t))
        };
        // An eye-roll: a frustrated or angry emoji, alone in its finding.
        let rolls = |f: &Finding| {
            let angry = matches!(f.kind, Kind::Emotion(Emotion::Frustration | Emotion::Anger));
            (angry && f.weight > 0.0)
                .then(|| token_at(f))
                .flatten()
                .filter(|(_, t)| t.kind == TokenKind::Emoji && t.end as usize == f.end)
        };
        let mut roll = 0;
        for i in 0..self.findings.len() {
            if !is_good_feeling(&self.findings[i]) {
                continue;
            }
            let Some((_, praise)) = token_at(&self.findings[i]) else {
                continue;
            };
            let sentence = praise.sentence;
            // The first eye-roll not in an earlier sentence (sentences rise with the text).
            let mut next = None;
            while let Some(f) = self.findings.get(roll) {
                if let Some((at, t)) = rolls(f).filter(|(_, t)| t.sentence >= sentence) {
                    next = Some((at, t));
                    break;
                }
                roll += 1;
            }
            // It is in the praise's sentence, or opens the next one ("thanks. 🙄").
            let sarcastic = next.is_some_and(|(at, t)| {
                t.sentence == sentence
                    || (t.sentence == sentence + 1
                        && sentences[t.sentence as usize].first as usize == at)
            });
            if sarcastic {
                self.findings[i].apply(Rule::Sarcastic, 0.0);
            }
        }
    }

    /// "Could you send me the form? Thanks, Priya": a thank-you that closes a message asking
    /// something is courtesy (the guideline's gratitude 0–1 for "thanks in advance"), so it is
    /// weakened. Thanks for something done, or thanks that are not the message's last word
    /// (bar a signed name), keep their weight.
    pub(super) fn closing_thanks(&mut self, weights: &Model) {
        let gratitude = Kind::Emotion(Emotion::Gratitude);
        let mut thanks = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == gratitude);
        let (Some((i, f)), None) = (thanks.next(), thanks.next()) else {
            return;
        };
        let toks = &self.segments.toks;
        let first = toks.partition_point(|t| (t.start as usize) < f.start);
        let after = toks.partition_point(|t| (t.end as usize) <= f.end);
        // Up to a signed name after it ("Thanks, Priya Shah"), nothing more.
        let tail = toks[after..].iter().filter(|t| !t.kind.is_noise()).count();
        let Some(tok) = toks.get(first) else {
            return;
        };
        let asked = self.segments.sentences[..tok.sentence as usize]
            .iter()
            .any(|s| s.question);
        if tail <= 3 && asked {
            self.findings[i].apply(Rule::ClosingThanks, weights.closing_thanks);
        }
    }

    /// "Hi Maria," — a greeting followed by a capitalised name is personalization.
    pub(super) fn greetings_with_names(&mut self, text: &str, matcher: &Matcher, weights: &Model) {
        let found = self.findings.len();
        let toks = &self.segments.toks;
        for c in &self.context {
            if !c.is(ContextKind::Greeting) || !toks[c.first].has(segment::FIRST_IN_CLAUSE) {
                continue;
            }
            let Some(next) = toks.get(c.last + 1) else {
                continue;
            };
            if next.kind != TokenKind::Word
                || !next.has(segment::CAPITALIZED)
                || next.sentence != toks[c.last].sentence
            {
                continue;
            }
            // A name at the very end is the writer's sign-off ("Thanks ~Amy"), not the reader.
            let last_word = nothing_said_after(toks, c.last + 1);
            let marked = text[..next.start as usize].ends_with(['~', '-', '^', '*']);
            if last_word || marked {
                continue;
            }
            let word = &text[next.start as usize..next.end as usize];
            if word.chars().count() < 2 || !matcher.is_name_like(word) {
                continue;
            }
            self.findings.push(name_finding(
                (next.start as usize, next.end as usize),
                weights,
            ));
        }
        self.handle_names(text, matcher, weights);
        // In text order again, so the next pass sees the names already found.
        self.back_in_text_order(found);
        let before = self.findings.len();
        self.vocative_names(text, matcher, weights);
        self.back_in_text_order(before);
    }

    /// "Thanks for the video, Justin." / "Sorry about that, Morgan!" / "Edgar - sorry for the
    /// wait": a name set off by a comma or a dash, the way an agent addresses the customer, is
    /// personalization. The word must look like a name and be none the lexicon knows; at the
    /// end of the reply it must be exclaimed or asked and follow a clause of three words or
    /// more, since "Kind regards, Amy" is the writer signing off.
    fn vocative_names(&mut self, text: &str, matcher: &Matcher, weights: &Model) {
        let toks = &self.segments.toks;
        let Some(opener) = toks.iter().position(|t| t.kind != TokenKind::Mention) else {
            return;
        };
        // The candidates, in text order: the reply's first word, and the word right after each
        // comma. A vectorised byte search finds the commas: visiting every token for the few
        // that follow one cost more than the rest of the pass.
        let after_commas = memchr::memchr_iter(b',', text.as_bytes())
            .map(|at| toks.partition_point(|t| (t.start as usize) <= at))
            .filter(|&i| i > opener);
        let mut seen = 0;
        let mut previous = None;
        for i in std::iter::once(opener).chain(after_commas) {
            if previous.is_some_and(|p| i <= p) {
                continue;
            }
            previous = Some(i);
            let Some(t) = toks.get(i) else {
                break;
            };
            if t.word != segment::NO_WORD
                || t.flags & (segment::CAPITALIZED | segment::ALL_CAPS) != segment::CAPITALIZED
                || t.kind != TokenKind::Word
            {
                continue;
            }
            let (start, end) = (t.start as usize, t.end as usize);
            let before = text[..start].trim_end();
            let after = text[end..].trim_start();
            let vocative = if i == opener {
                after.starts_with([',', '-', '–', '—'])
            } else if before.ends_with(',') {
                // Words of the clause the comma closes.
                let clause = toks[..i]
                    .iter()
                    .rev()
                    .take_while(|p| p.clause == toks[i - 1].clause)
                    .filter(|p| p.kind == TokenKind::Word)
                    .count();
                if nothing_said_after(toks, i) {
                    after.starts_with(['!', '?']) && clause >= 3
                } else {
                    after.is_empty() || after.starts_with(['.', '!', '?', ',', ';'])
                }
            } else {
                false
            };
            let word = &text[start..end];
            if !vocative || word.chars().count() < 2 || !matcher.is_name_like(word) {
                continue;
            }
            seen = skip_before(&self.findings, seen, start);
            let already = self.findings[seen..]
                .iter()
                .take_while(|f| f.start == start)
                .any(|f| f.kind == Kind::Dimension(Dimension::Personalization));
            if !already {
                self.findings.push(name_finding((start, end), weights));
            }
        }
    }

    /// "@nadia_k Nadia, …" — a reply that opens with the name in the handle it answers.
    fn handle_names(&mut self, text: &str, matcher: &Matcher, weights: &Model) {
        let toks = &self.segments.toks;
        let mentions = toks.iter().take_while(|t| t.kind == TokenKind::Mention);
        let Some(first) = toks.iter().find(|t| t.kind != TokenKind::Mention) else {
            return;
        };
        let word = &text[first.start as usize..first.end as usize];
        let in_handle = mentions.clone().any(|m| {
            let handle = &text[m.start as usize + 1..m.end as usize];
            word.len() >= 3
                && handle.len() >= word.len()
                && handle.is_char_boundary(word.len())
                && handle[..word.len()].eq_ignore_ascii_case(word)
        });
        let already = self
            .findings
            .iter()
            .any(|f| f.start == first.start as usize);
        if first.kind == TokenKind::Word
            && first.has(segment::CAPITALIZED)
            && in_handle
            && !already
            && matcher.is_name_like(word)
        {
            self.findings.push(name_finding(
                (first.start as usize, first.end as usize),
                weights,
            ));
        }
    }
}

/// The cursor `seen` moved past the findings (in text order) that start before `start`: the
/// derived passes walk their cues and the findings together, so the walk stays linear.
fn skip_before(findings: &[Finding], mut seen: usize, start: usize) -> usize {
    while seen < findings.len() && findings[seen].start < start {
        seen += 1;
    }
    seen
}

/// Whether only links, handles, sign-offs and emoji follow token `i`: it is the text's last word.
fn nothing_said_after(toks: &[Tok], i: usize) -> bool {
    toks[i + 1..]
        .iter()
        .all(|t| t.kind.is_noise() || t.kind == TokenKind::Emoji)
}

/// A finding of a good feeling (gratitude or relief) that still counts.
fn is_good_feeling(f: &Finding) -> bool {
    matches!(f.kind, Kind::Emotion(Emotion::Gratitude | Emotion::Relief)) && f.weight > 0.0
}

/// The customer's name at `span`, as personalization.
pub(crate) fn name_finding(span: (usize, usize), weights: &Model) -> Finding {
    let kind = Kind::Dimension(Dimension::Personalization);
    Finding::plain(kind, span, Source::Name, weights.name_weight)
}
