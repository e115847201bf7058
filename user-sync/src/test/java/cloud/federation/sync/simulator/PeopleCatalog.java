package cloud.federation.sync.simulator;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic-looking people for both directories: names, departments, offices and North American phone numbers in the
 * mix of spellings real tenants accumulate. Every choice is driven by a caller's seeded {@link Random}.
 */
final class PeopleCatalog {

    record Office(String code, String city, String state, String postalCode, String country, String countryCode,
                  String streetAddress, String areaCode) {
    }

    static final List<String> FIRST_NAMES = List.of(
            "Adele", "Alex", "Allan", "Amara", "Ana", "Bianca", "Brian", "Camille", "Carlos", "Chen", "Christie", "Dana",
            "Debra", "Diego", "Elif", "Emily", "Enrico", "Fatima", "Grady", "Hannah", "Henrietta", "Hiroshi", "Irvin",
            "Isaiah", "Jana", "Javier", "Johanna", "Joni", "Kenji", "Lee", "Lidia", "Lynne", "Malik", "Mariam", "Megan",
            "Miriam", "Nestor", "Nora", "Olga", "Patti", "Pradeep", "Priya", "Raul", "Rosa", "Sakura", "Samuel", "Sofia",
            "Tariq", "Thandiwe", "Tomás", "Uma", "Valentina", "Wei", "Xavier", "Yara", "Yusuf", "Zainab", "Zoë",
            "Łukasz", "Åsa");

    static final List<String> LAST_NAMES = List.of(
            "Adams", "Agarwal", "Alvarez", "Anderson", "Baker", "Bell", "Chen", "Cortez", "Dennis", "Diaz", "Dubois",
            "Edwards", "Fernandez", "Fischer", "García", "Gomez", "Gupta", "Holloway", "Hughes", "Ito", "Jackson",
            "Johnson", "Kim", "Kowalski", "Lee", "Lopez", "Martin", "Miller", "Morales", "Nakamura", "Nguyen", "Novak",
            "O'Brien", "Okafor", "Olsen", "Patel", "Petrov", "Quinn", "Ramirez", "Rossi", "Sanders", "Schmidt", "Sicilian",
            "Singh", "Smith", "Tanaka", "Taylor", "Thompson", "Vance", "van der Berg", "Wagner", "Walker", "Wang", "White",
            "Williams", "Wilson", "Wright", "Yamamoto", "Young", "Zhang");

    static final List<String> DEPARTMENTS = List.of(
            "Sales", "Engineering", "Support", "Finance", "Marketing", "Human Resources", "Legal", "Operations");

    private static final List<List<String>> TITLES = List.of(
            List.of("Account Executive", "Sales Manager", "Inside Sales Representative", "Sales Director"),
            List.of("Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer"),
            List.of("Support Engineer", "Customer Success Manager", "Support Team Lead", "Technical Account Manager"),
            List.of("Accountant", "Financial Analyst", "Controller", "Payroll Specialist"),
            List.of("Marketing Specialist", "Product Marketing Manager", "Content Strategist", "Brand Manager"),
            List.of("HR Generalist", "Recruiter", "HR Business Partner", "Talent Acquisition Lead"),
            List.of("Paralegal", "Corporate Counsel", "Compliance Officer", "Contracts Manager"),
            List.of("Operations Analyst", "Facilities Coordinator", "Office Manager", "Logistics Manager"));

    static final List<Office> OFFICES = List.of(
            new Office("SEA", "Seattle", "WA", "98101", "United States", "US", "1 Microsoft Way", "206"),
            new Office("SJC", "San Jose", "CA", "95134", "United States", "US", "170 West Tasman Drive", "408"),
            new Office("RDU", "Raleigh", "NC", "27606", "United States", "US", "7100 Kit Creek Road", "919"),
            new Office("ORD", "Chicago", "IL", "60601", "United States", "US", "200 East Randolph Street", "312"),
            new Office("DFW", "Dallas", "TX", "75201", "United States", "US", "2200 Ross Avenue", "214"),
            new Office("BOS", "Boston", "MA", "02110", "United States", "US", "100 Summer Street", "617"),
            new Office("YYZ", "Toronto", "ON", "M5J 2N1", "Canada", "CA", "88 Queens Quay West", "416"),
            new Office("YUL", "Montréal", "QC", "H3B 4W8", "Canada", "CA", "1000 Rue De La Gauchetière", "514"));

    static final List<String> LANGUAGES = List.of("en-US", "en-US", "en-US", "en-US", "en-GB", "fr-CA", "es-US");

    private PeopleCatalog() {
    }

    static String titleFor(String department, Random random) {
        List<String> titles = TITLES.get(Math.max(0, DEPARTMENTS.indexOf(department)));
        return titles.get(random.nextInt(titles.size()));
    }

    /** The same number in one of the spellings found in real directories, so clients must not assume E.164. */
    static String phone(String areaCode, int subscriber, Random random) {
        String exchange = "555";
        String line = fourDigits(subscriber);
        return switch (random.nextInt(7)) {
            case 0 -> "+1 " + areaCode + " " + exchange + " " + line;
            case 1 -> "+1 (" + areaCode + ") " + exchange + "-" + line;
            case 2 -> "+1" + areaCode + exchange + line;
            case 3 -> "(" + areaCode + ") " + exchange + "-" + line;
            case 4 -> "+1-" + areaCode + "-" + exchange + "-" + line;
            case 5 -> areaCode + "." + exchange + "." + line;
            default -> "+1 " + areaCode + " " + exchange + " " + line + " x" + (100 + random.nextInt(900));
        };
    }

    static String e164(String areaCode, int subscriber) {
        return "+1" + areaCode + "555" + fourDigits(subscriber);
    }

    /** Lower-case ASCII for mail local parts: "Tomás O'Brien" becomes "tomas.obrien". */
    static String mailName(String name) {
        // Names repeat across 100,000 users; normalising each time dominated generation.
        return MAIL_NAMES.computeIfAbsent(name, PeopleCatalog::asciiLower);
    }

    private static final java.util.Map<String, String> MAIL_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String asciiLower(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        plain = plain.replace("Ł", "L").replace("ł", "l");
        return plain.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static String fourDigits(int number) {
        String digits = Integer.toString(Math.floorMod(number, 10_000));
        return "0000".substring(digits.length()) + digits;
    }

    /** Stable UUID for (seed, kind, index): the same seed always yields the same ids. */
    static String uuid(long seed, String kind, long index) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    static Random random(long seed, String kind, long index) {
        return new Random(seed * 0x9E3779B97F4A7C15L ^ (index + 1) * 0xC2B2AE3D27D4EB4FL ^ kind.hashCode());
    }
}
