namespace SemanticCache.Benchmarks.Quality;

/// <summary>
/// Function words and the most frequent English content words, stemmed like the verifier's tokens. A word outside this
/// list is "rare": a name, product, technical term or otherwise specific word whose substitution changes the question.
/// </summary>
internal static class CommonEnglishWords
{
    public static readonly HashSet<string> Stems = new(
        """
        a about above across after again against all almost alone along already also although always am among an and another any anybody anyone
        anything anyway anywhere are area around as ask at away back be became because become been before began begin behind being believe below
        best better between big both bring but buy by call came can case cause certain change child children choose city close come common
        compare consider could country course current day did differ difference different do does doing done down during each early easy either
        else end enough even ever every everyone everything example explain fact far feel few find first follow for form found free from full
        further gave general get give go goes going good got great group had happen hard has have having he help her here hers herself high him
        himself his home how however i idea if important in include information instead into is it its itself job just keep kind know known
        large last late later learn least leave less let life like likely line little live long look lot low made main make man many may maybe
        me mean meaning might mine more most mostly much must my myself name near need never new next nice no none nor not nothing now number
        of off often old on once one only open or order other our ours ourselves out over own part people person place plan play point
        possible problem put question quite rather read real really reason right said same say see seem set several shall she should show
        side simple since small so some someone something sometimes soon start state still stop such suggest sure take tell than thank that
        the their theirs them themselves then there these they thing think this those though through time to today together too took toward
        true try turn two type under understand until up upon us use used useful using usual very want was way we well went were what whatever
        when where whether which while who whole whom whose why will with within without word work world would write year yes yet you your yours
        yourself yourselves best better good bad way ways tip tips step steps guide difference between vs versus
        please kindly hello hi hey ok okay thanks thank tell show give provide describe list
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(LexicalSemanticCacheVerifier.Stem),
        StringComparer.Ordinal);
}
