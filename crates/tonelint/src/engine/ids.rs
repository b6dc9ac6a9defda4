//! The engine's indices, one type each, so that a strength's index cannot name a rule, nor a
//! pattern's split a pattern; and the lists they index.

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index into one kind of list.
pub(crate) trait Position: Copy {
    /// The index of the item at `position` in its list.
    fn at(position: usize) -> Self;
    /// The index's position in its list.
    fn position(self) -> usize;
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) struct $name(u32);

        impl Position for $name {
            #[inline]
            fn at(position: usize) -> $name {
                // No list of a linter comes near 4 billion items: a lexicon of that size would not
                // fit in memory.
                $name(position as u32)
            }

            #[inline]
            fn position(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A strength's position among the strengths a linter kept.
    StrengthIndex
);

index_type!(
    /// A lexicon pattern's position among those the phrase layer runs.
    PatternIndex
);

index_type!(
    /// One split of a pattern (see `tonelint_lexicon::trigger::Split`): its position among the
    /// pattern's splits.
    SplitIndex
);

/// A rule's position among a linter's rules: the built-in ones first, in built-in order, then
/// those of the lexicons added, then the tone model's. The tone grammar's type, so that the
/// grammar reports rules in the linter's own terms.
pub(crate) use tonelint_grammar::RuleIndex;

impl Position for RuleIndex {
    #[inline]
    fn at(position: usize) -> RuleIndex {
        RuleIndex(position as u32)
    }

    #[inline]
    fn position(self) -> usize {
        self.0 as usize
    }
}

/// A linter entry: a rule or a strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum EntryRef {
    Rule(RuleIndex),
    Strength(StrengthIndex),
}

/// What an automaton pattern belongs to in a linter: one entry, or every rule (an allowed phrase,
/// which is an exception to all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Owner {
    Entry(EntryRef),
    EveryRule,
}

/// A list indexed by one kind of index only.
#[derive(Clone, Debug)]
pub(crate) struct IndexedVec<I, T> {
    items: Vec<T>,
    index: PhantomData<fn(I) -> I>,
}

/// Something per rule of a linter.
pub(crate) type PerRule<T> = IndexedVec<RuleIndex, T>;
/// Something per strength of a linter.
pub(crate) type PerStrength<T> = IndexedVec<StrengthIndex, T>;

impl<I: Position, T> IndexedVec<I, T> {
    pub(crate) fn new() -> IndexedVec<I, T> {
        Vec::new().into()
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn get(&self, index: I) -> Option<&T> {
        self.items.get(index.position())
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Every index of the list, in order.
    pub(crate) fn indices(&self) -> impl ExactSizeIterator<Item = I> + use<I, T> {
        (0..self.items.len()).map(I::at)
    }

    /// Every item with its index.
    pub(crate) fn iter_indexed(&self) -> impl ExactSizeIterator<Item = (I, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (I::at(i), item))
    }

    /// The index the next item pushed gets.
    pub(crate) fn next_index(&self) -> I {
        I::at(self.items.len())
    }

    /// Adds an item, returning its index.
    pub(crate) fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::at(self.items.len() - 1)
    }
}

impl<I, T> From<Vec<T>> for IndexedVec<I, T> {
    fn from(items: Vec<T>) -> IndexedVec<I, T> {
        IndexedVec {
            items,
            index: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for IndexedVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> IndexedVec<I, T> {
        items.into_iter().collect::<Vec<T>>().into()
    }
}

impl<I: Position, T> Index<I> for IndexedVec<I, T> {
    type Output = T;

    #[inline]
    fn index(&self, index: I) -> &T {
        &self.items[index.position()]
    }
}

impl<I: Position, T> IndexMut<I> for IndexedVec<I, T> {
    #[inline]
    fn index_mut(&mut self, index: I) -> &mut T {
        &mut self.items[index.position()]
    }
}
