//! Word families: words that do the same work in a harsh sentence, so that the tone model can
//! share what it learns about some of them with all of them.
//!
//! The model weighs each word it was trained on; a word the training drafts never used weighs
//! nothing, however plainly it insults the reader ("crook", "simpleton"). Each word here also
//! gives its sentence its family's feature (see [`crate::features`]), whose weight the trainer
//! learns from every member the drafts do use. The words are a curator's, not learned, and not
//! read from the blind set or from any corpus of labelled comments.

use crate::features::{BUCKETS, WORD};

/// A family's name, as it is hashed into the family's feature.
pub(crate) type Family = &'static str;

/// Names of a person or a group as worthless, stupid, dishonest or contemptible.
const INSULT: Family = "insult";
/// Judgements of an idea or a piece of work as worthless or absurd.
const CONTEMPT: Family = "contempt";
/// Swearing and its stand-ins.
const PROFANITY: Family = "profanity";
/// One-word brush-offs.
const DISMISSAL: Family = "dismissal";

/// Every member, sorted by word (a test holds the order and uniqueness).
const WORDS: &[(&str, Family)] = &[
    ("absurd", CONTEMPT),
    ("absurdity", CONTEMPT),
    ("arrogant", INSULT),
    ("ass", PROFANITY),
    ("asshole", PROFANITY),
    ("assholes", PROFANITY),
    ("atrocious", CONTEMPT),
    ("baloney", CONTEMPT),
    ("bastard", PROFANITY),
    ("bastards", PROFANITY),
    ("bigot", INSULT),
    ("bigots", INSULT),
    ("bitch", PROFANITY),
    ("bozo", INSULT),
    ("bozos", INSULT),
    ("brainless", INSULT),
    ("bs", PROFANITY),
    ("buffoon", INSULT),
    ("buffoons", INSULT),
    ("bullshit", PROFANITY),
    ("clown", INSULT),
    ("clowns", INSULT),
    ("clueless", INSULT),
    ("coward", INSULT),
    ("cowardly", INSULT),
    ("cowards", INSULT),
    ("crap", PROFANITY),
    ("crappy", PROFANITY),
    ("crook", INSULT),
    ("crooked", INSULT),
    ("crooks", INSULT),
    ("crybaby", INSULT),
    ("dammit", PROFANITY),
    ("damn", PROFANITY),
    ("deluded", INSULT),
    ("delusional", INSULT),
    ("deplorable", CONTEMPT),
    ("despicable", CONTEMPT),
    ("dimwit", INSULT),
    ("disgrace", CONTEMPT),
    ("disgraceful", CONTEMPT),
    ("disgusting", CONTEMPT),
    ("drivel", CONTEMPT),
    ("duh", DISMISSAL),
    ("dumb", INSULT),
    ("dumber", INSULT),
    ("dumbest", INSULT),
    ("effing", PROFANITY),
    ("farce", CONTEMPT),
    ("fool", INSULT),
    ("foolish", INSULT),
    ("fools", INSULT),
    ("freaking", PROFANITY),
    ("frigging", PROFANITY),
    ("fuck", PROFANITY),
    ("fucking", PROFANITY),
    ("garbage", CONTEMPT),
    ("goddamn", PROFANITY),
    ("gutless", INSULT),
    ("hack", INSULT),
    ("hacks", INSULT),
    ("halfwit", INSULT),
    ("hogwash", CONTEMPT),
    ("hopeless", INSULT),
    ("hypocrisy", INSULT),
    ("hypocrite", INSULT),
    ("hypocrites", INSULT),
    ("hypocritical", INSULT),
    ("idiocy", CONTEMPT),
    ("idiot", INSULT),
    ("idiotic", INSULT),
    ("idiots", INSULT),
    ("ignoramus", INSULT),
    ("ignorant", INSULT),
    ("imbecile", INSULT),
    ("imbeciles", INSULT),
    ("incompetence", INSULT),
    ("incompetent", INSULT),
    ("inept", INSULT),
    ("ineptitude", INSULT),
    ("insane", CONTEMPT),
    ("jerk", INSULT),
    ("jerks", INSULT),
    ("joke", CONTEMPT),
    ("laughable", CONTEMPT),
    ("lazy", INSULT),
    ("liar", INSULT),
    ("liars", INSULT),
    ("lmao", DISMISSAL),
    ("lol", DISMISSAL),
    ("loser", INSULT),
    ("losers", INSULT),
    ("lowlife", INSULT),
    ("ludicrous", CONTEMPT),
    ("lunacy", CONTEMPT),
    ("lunatic", INSULT),
    ("lunatics", INSULT),
    ("meh", DISMISSAL),
    ("mindless", INSULT),
    ("moron", INSULT),
    ("moronic", INSULT),
    ("morons", INSULT),
    ("nitwit", INSULT),
    ("nonsense", CONTEMPT),
    ("nutjob", INSULT),
    ("nutjobs", INSULT),
    ("outrageous", CONTEMPT),
    ("parasite", INSULT),
    ("parasites", INSULT),
    ("pathetic", INSULT),
    ("petulant", INSULT),
    ("pfft", DISMISSAL),
    ("pissed", PROFANITY),
    ("pitiful", CONTEMPT),
    ("ridiculous", CONTEMPT),
    ("rubbish", CONTEMPT),
    ("scum", INSULT),
    ("scumbag", INSULT),
    ("scumbags", INSULT),
    ("shameful", CONTEMPT),
    ("shill", INSULT),
    ("shills", INSULT),
    ("shit", PROFANITY),
    ("shitty", PROFANITY),
    ("shoddy", CONTEMPT),
    ("simpleton", INSULT),
    ("simpletons", INSULT),
    ("smh", DISMISSAL),
    ("smug", INSULT),
    ("spineless", INSULT),
    ("stupid", INSULT),
    ("stupidity", INSULT),
    ("thug", INSULT),
    ("thugs", INSULT),
    ("traitor", INSULT),
    ("traitors", INSULT),
    ("trash", CONTEMPT),
    ("troll", INSULT),
    ("trolls", INSULT),
    ("ugh", DISMISSAL),
    ("useless", INSULT),
    ("wacko", INSULT),
    ("wackos", INSULT),
    ("whatever", DISMISSAL),
    ("whiny", INSULT),
    ("witless", INSULT),
    ("worthless", INSULT),
    ("wtf", PROFANITY),
    ("yawn", DISMISSAL),
];

/// A bit per bucket: set where a member's word feature falls, worked out at compile time. The
/// model has hashed every word already, so nearly every word is turned away by one bit test, and
/// only a word whose bucket is a member's is looked up by its text.
static MEMBER_BUCKETS: [u64; (BUCKETS as usize).div_ceil(64)] = {
    let mut bits = [0u64; (BUCKETS as usize).div_ceil(64)];
    let mut i = 0;
    while i < WORDS.len() {
        let bucket = WORD.part(WORDS[i].0).bucket();
        bits[bucket as usize / 64] |= 1 << (bucket % 64);
        i += 1;
    }
    bits
};

/// The family of a folded word whose word feature is `word_bucket`, if it has one.
pub(crate) fn family(word: &str, word_bucket: u32) -> Option<Family> {
    let bits = MEMBER_BUCKETS.get(word_bucket as usize / 64)?;
    if bits & (1 << (word_bucket % 64)) == 0 {
        return None;
    }
    WORDS
        .binary_search_by(|&(member, _)| member.cmp(word))
        .ok()
        .map(|at| WORDS[at].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::features::bucket;

    fn family_of(word: &str) -> Option<Family> {
        family(word, bucket("w", &[word]))
    }

    #[test]
    fn words_are_sorted_and_unique_and_each_is_found() {
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(WORDS.iter().all(|&(w, f)| family_of(w) == Some(f)));
    }

    #[test]
    fn a_word_outside_every_family_has_none() {
        assert_eq!(family_of("crook"), Some(INSULT));
        assert_eq!(family_of("whatever"), Some(DISMISSAL));
        assert_eq!(family_of("thanks"), None);
        assert_eq!(family_of(""), None);
        // A word that shares a member's bucket but not its text is not a member.
        assert_eq!(family("thanks", bucket("w", &["crook"])), None);
    }
}
