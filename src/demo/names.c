/* names.c: the communities of the demo borough, their names and spelling variants */
#include "demo.h"

#include <string.h>

#define NAMES(a) { a, ARRAY_LEN(a) }
#define NO_NAMES { NULL, 0 }

/* English */
static const char *const en_girl[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Sophie", "Emily", "Freya",
	"Poppy", "Evie", "Ella", "Chloe", "Charlotte", "Ruby", "Holly", "Daisy", "Florence",
	"Isabella", "Rosie", "Matilda", "Harper", "Willow", "Ivy", "Hannah", "Sophia", "Lucy",
};
static const char *const en_boy[] = {
	"Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie",
	"Freddie", "Alfie", "Theo", "Henry", "Archie", "Thomas", "Joshua", "William", "Jacob",
	"Teddy", "Finley", "Reggie", "Louie", "Max", "Tommy", "Alfred", "Albie", "Ronnie",
};
static const char *const en_woman[] = {
	"Sarah", "Emma", "Laura", "Rebecca", "Hannah", "Gemma", "Kelly", "Danielle", "Stacey",
	"Claire", "Jade", "Leanne", "Amy", "Kirsty", "Natalie", "Lauren", "Samantha", "Charlotte",
	"Jessica", "Katie", "Rachel", "Zoe", "Vicky", "Hayley", "Louise", "Jodie", "Sophie",
};
static const char *const en_man[] = {
	"James", "Daniel", "Michael", "Matthew", "Christopher", "David", "Thomas", "Ryan",
	"Andrew", "Luke", "Adam", "Mark", "Lee", "Craig", "Jamie", "Ben", "Tom", "Dean",
	"Jordan", "Liam", "Scott", "Richard", "Paul", "Gary", "Stephen", "Jason", "Kieran",
};
static const char *const en_surname[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
	"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
	"Hall", "Wood", "Jackson", "Clarke", "Harris", "Lewis", "Baker", "Turner", "Hill",
	"Cooper", "Ward", "Morris", "King", "Moore", "Parker", "Bennett", "Cook", "Price",
	"Hughes", "Edwards", "Mitchell", "Kelly", "Marshall", "Owen",
};

/* Irish */
static const char *const ie_girl[] = {
	"Aoife", "Niamh", "Ciara", "Saoirse", "Orla", "Róisín", "Caoimhe", "Erin", "Clodagh",
	"Éabha", "Síofra", "Grace", "Sophie",
};
static const char *const ie_boy[] = {
	"Seán", "Conor", "Cian", "Oisín", "Darragh", "Liam", "Fionn", "Patrick", "Tadhg",
	"Rory", "Cillian", "Jack",
};
static const char *const ie_woman[] = {
	"Siobhan", "Sinead", "Mary", "Bridget", "Aoife", "Niamh", "Ciara", "Deirdre", "Maeve",
	"Aisling", "Orla", "Gráinne",
};
static const char *const ie_man[] = {
	"Sean", "Patrick", "Declan", "Ciaran", "Niall", "Eoin", "Padraig", "Colm", "Brendan",
	"Dermot", "Kevin", "Michael",
};
static const char *const ie_surname[] = {
	"Murphy", "Kelly", "O'Brien", "O'Sullivan", "Walsh", "Byrne", "Ryan", "O'Connor",
	"Doyle", "McCarthy", "Gallagher", "Quinn", "Brennan", "Kavanagh", "Flanagan",
};

/* Bengali (mostly Sylheti families) */
static const char *const bn_girl[] = {
	"Fatima", "Ayesha", "Amina", "Maryam", "Hafsa", "Khadija", "Anika", "Tasnim", "Sumaiya",
	"Inaya", "Zara", "Safiya", "Aleena", "Raisa", "Nusaiba", "Umaiza", "Ruqayyah", "Hana",
};
static const char *const bn_boy[] = {
	"Mohammed", "Rayyan", "Ayaan", "Hamza", "Ibrahim", "Yusuf", "Zakaria", "Muhammad",
	"Ismail", "Adam", "Zayn", "Ishaq", "Abdullah", "Ahmed", "Riyad", "Tahmid", "Arham",
};
static const char *const bn_woman[] = {
	"Fatima", "Ayesha", "Nusrat", "Sadia", "Tahmina", "Shirin", "Rokeya", "Jahanara",
	"Nazma", "Salma", "Rahima", "Ruksana", "Shamima", "Hasina", "Shahana", "Rumana",
	"Sultana", "Farhana", "Jesmin", "Taslima",
};
static const char *const bn_man[] = {
	"Mohammed", "Abdul", "Rahim", "Karim", "Jamal", "Shahid", "Ruhul", "Anwar", "Kamal",
	"Faisal", "Imran", "Arif", "Shakil", "Tanvir", "Sayful", "Mizanur", "Jubair", "Kawsar",
	"Muhammad", "Shahin",
};
static const char *const bn_surname[] = {
	"Ahmed", "Rahman", "Islam", "Miah", "Uddin", "Hussain", "Ali", "Chowdhury", "Khan",
	"Hoque", "Haque", "Alam", "Sarkar", "Karim", "Talukdar", "Hossain", "Choudhury",
	"Ullah", "Mahmud",
};
static const char *const bn_script_female[] = {
	"ফাতেমা", "আয়েশা", "আমিনা", "নাজমা", "সালমা", "রহিমা", "রোকেয়া", "শিরিন",
};
static const char *const bn_script_male[] = {
	"মোহাম্মদ", "আব্দুল", "রহিম", "করিম", "জামাল", "কামাল", "ইমরান", "আরিফ",
};
static const char *const bn_script_surname[] = {
	"আহমেদ", "রহমান", "ইসলাম", "মিয়া", "উদ্দিন", "চৌধুরী", "হোসেন", "খান",
};

/* Arabic-speaking (Moroccan, Algerian, Iraqi, Syrian, Yemeni, Sudanese) */
static const char *const ar_girl[] = {
	"Maryam", "Aisha", "Nour", "Layla", "Sara", "Amira", "Yasmin", "Zainab", "Hana",
	"Lina", "Jana", "Malak", "Rahma", "Salma", "Jannah", "Fatima", "Aya",
};
static const char *const ar_boy[] = {
	"Mohammed", "Ahmed", "Ali", "Omar", "Youssef", "Adam", "Yahya", "Hamza", "Ibrahim",
	"Zakaria", "Bilal", "Mustafa", "Hassan", "Karim", "Ilyas", "Idris", "Anas",
};
static const char *const ar_woman[] = {
	"Fatima", "Maryam", "Huda", "Layla", "Rania", "Amal", "Samira", "Nadia", "Iman",
	"Reem", "Dina", "Hanan", "Khadija", "Souad", "Asmaa", "Zainab", "Noura",
};
static const char *const ar_man[] = {
	"Mohammed", "Ahmed", "Khalid", "Hassan", "Hussein", "Tariq", "Samir", "Karim",
	"Mustafa", "Youssef", "Omar", "Ali", "Nabil", "Rachid", "Walid", "Abdelkader", "Said",
};
static const char *const ar_surname[] = {
	"Hassan", "Ibrahim", "Mahmoud", "Abdullah", "Al-Masri", "Saleh", "Haddad", "Nasser",
	"Mansour", "Khalil", "Aziz", "Abbas", "Jaber", "Farouk", "Al-Hashimi", "Othman",
	"Darwish", "El Amrani", "Benali", "Bouzid",
};
static const char *const ar_script_female[] = {
	"فاطمة", "مريم", "عائشة", "نور", "ليلى", "هدى", "سارة", "أميرة", "ياسمين", "زينب",
};
static const char *const ar_script_male[] = {
	"محمد", "أحمد", "علي", "عمر", "يوسف", "خالد", "حسن", "إبراهيم", "مصطفى", "بلال",
};
static const char *const ar_script_surname[] = {
	"حسن", "إبراهيم", "محمود", "عبدالله", "صالح", "حداد", "ناصر", "منصور", "خليل", "عباس",
};

/* Somali */
static const char *const so_girl[] = {
	"Hodan", "Amina", "Ayan", "Hibo", "Sahra", "Hawa", "Ifrah", "Sagal", "Deeqa", "Idil",
	"Maryan", "Najma", "Ikran", "Hamdi", "Safiya", "Sumaya",
};
static const char *const so_boy[] = {
	"Abdi", "Mohamed", "Ahmed", "Abdirahman", "Abdullahi", "Yusuf", "Mahad", "Liban",
	"Guled", "Mustafe", "Bashir", "Abdiaziz", "Khalid", "Ilyas", "Hamza", "Sakariye",
};
static const char *const so_woman[] = {
	"Faduma", "Hodan", "Amina", "Nimco", "Ubah", "Fartun", "Ladan", "Asha", "Sucaad",
	"Hawa", "Khadra", "Sahra", "Filsan", "Muna", "Ayan", "Halima",
};
static const char *const so_man[] = {
	"Mohamed", "Abdi", "Hassan", "Omar", "Ali", "Ismail", "Farah", "Abdirahman", "Yusuf",
	"Abdullahi", "Osman", "Jama", "Said", "Hussein", "Nur", "Mahamed",
};
static const char *const so_surname[] = {
	"Mohamed", "Ali", "Hassan", "Abdi", "Farah", "Warsame", "Osman", "Aden", "Jama",
	"Hersi", "Ismail", "Nur", "Egal", "Guleed", "Dirie", "Yusuf", "Omar", "Ahmed",
};

/* Polish */
static const char *const pl_girl[] = {
	"Zofia", "Zuzanna", "Hanna", "Maja", "Julia", "Laura", "Oliwia", "Alicja", "Lena",
	"Pola", "Amelia", "Wiktoria", "Natalia", "Gabriela",
};
static const char *const pl_boy[] = {
	"Jakub", "Antoni", "Jan", "Szymon", "Filip", "Aleksander", "Franciszek", "Mikołaj",
	"Wojciech", "Kacper", "Stanisław", "Adam", "Leon", "Nikodem",
};
static const char *const pl_woman[] = {
	"Anna", "Katarzyna", "Agnieszka", "Magdalena", "Małgorzata", "Joanna", "Ewa",
	"Justyna", "Monika", "Aleksandra", "Karolina", "Marta", "Paulina", "Dorota",
};
static const char *const pl_man[] = {
	"Łukasz", "Piotr", "Tomasz", "Krzysztof", "Paweł", "Marcin", "Michał", "Mateusz",
	"Grzegorz", "Adam", "Dariusz", "Rafał", "Bartosz", "Sebastian",
};
static const char *const pl_surname[] = {
	"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
	"Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
	"Krawczyk", "Piotrowski", "Grabowski", "Pawłowski",
};

/* Turkish and Kurdish */
static const char *const tr_girl[] = {
	"Zeynep", "Elif", "Defne", "Ecrin", "Eylül", "Azra", "Asel", "Nehir", "Zehra", "Meryem",
	"Ayşe", "Yağmur", "Derin", "Elisa",
};
static const char *const tr_boy[] = {
	"Yusuf", "Eymen", "Ömer", "Mustafa", "Alparslan", "Miraç", "Kerem", "Aras", "Emir",
	"Mehmet", "Ali", "Deniz", "Can", "Poyraz",
};
static const char *const tr_woman[] = {
	"Ayşe", "Fatma", "Emine", "Hatice", "Merve", "Büşra", "Esra", "Sevgi", "Dilek",
	"Hülya", "Özlem", "Gülşen", "Songül", "Derya",
};
static const char *const tr_man[] = {
	"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "Emre", "Murat", "İbrahim",
	"Serkan", "Burak", "Osman", "Kemal", "Erdal",
};
static const char *const tr_surname[] = {
	"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
	"Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kurt",
};

/* Yoruba */
static const char *const yo_girl[] = {
	"Ayomide", "Oluwadamilola", "Ireoluwa", "Morenike", "Feyisara", "Damilola", "Ifeoluwa",
	"Adunni", "Temiloluwa", "Anjola", "Eniola", "Oreoluwa",
};
static const char *const yo_boy[] = {
	"Ayomide", "Oluwatobi", "Tobiloba", "Ifeoluwa", "Oluwadamilare", "Fiyinfoluwa",
	"Tomiwa", "Ademola", "Olamide", "Iremide", "David", "Daniel",
};
static const char *const yo_woman[] = {
	"Adebola", "Folake", "Funmilayo", "Temitope", "Yetunde", "Bukola", "Abimbola",
	"Titilayo", "Omolara", "Oluwaseun", "Bisola", "Kemi",
};
static const char *const yo_man[] = {
	"Adewale", "Babatunde", "Olumide", "Ayodele", "Olusegun", "Kehinde", "Taiwo", "Femi",
	"Tunde", "Oluwaseun", "Segun", "Gbenga",
};
static const char *const yo_surname[] = {
	"Adeyemi", "Ogunleye", "Adebayo", "Olawale", "Afolabi", "Balogun", "Adewale",
	"Ogunbiyi", "Bakare", "Akinola", "Ogundipe", "Oladipo", "Adeleke", "Ojo",
};

/* Igbo */
static const char *const ig_girl[] = {
	"Chiamaka", "Adaeze", "Amarachi", "Chidinma", "Kamsiyochukwu", "Munachi", "Ebube",
	"Chisom", "Nkechi", "Ifunanya", "Zina", "Adaora",
};
static const char *const ig_boy[] = {
	"Chukwuemeka", "Chibuike", "Somtochukwu", "Ebuka", "Chinedu", "Kamsi", "Tobenna",
	"Obinna", "Ikenna", "Chidera", "Daniel", "Michael",
};
static const char *const ig_woman[] = {
	"Ngozi", "Chioma", "Nneka", "Ifeoma", "Obiageli", "Chinwe", "Ebere", "Uchenna",
	"Adaeze", "Chinyere", "Amaka", "Oluchi",
};
static const char *const ig_man[] = {
	"Chinedu", "Emeka", "Obinna", "Ikenna", "Nnamdi", "Kelechi", "Ifeanyi", "Tochukwu",
	"Uchenna", "Chukwudi", "Okechukwu", "Chijioke",
};
static const char *const ig_surname[] = {
	"Okafor", "Okonkwo", "Eze", "Nwosu", "Okeke", "Obi", "Nwachukwu", "Onyeka", "Udeh",
	"Chukwu", "Nnadi", "Ibe", "Anyanwu", "Okoro",
};

/* Akan (Ghana) */
static const char *const ak_girl[] = {
	"Ama", "Akosua", "Abena", "Adwoa", "Afua", "Efua", "Yaa", "Esi", "Akua", "Nana", "Adjoa",
	"Maame",
};
static const char *const ak_boy[] = {
	"Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kojo", "Kwasi", "Kweku", "Kwadwo",
	"Nana", "Kobby", "Jeremiah",
};
static const char *const ak_woman[] = {
	"Akosua", "Abena", "Adwoa", "Afua", "Ama", "Efua", "Yaa", "Esi", "Gifty", "Comfort",
	"Patience", "Mercy",
};
static const char *const ak_man[] = {
	"Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kojo", "Kwasi", "Emmanuel", "Samuel",
	"Isaac", "Ebenezer", "Prince",
};
static const char *const ak_surname[] = {
	"Mensah", "Boateng", "Asante", "Owusu", "Osei", "Agyeman", "Appiah", "Darko",
	"Amoah", "Asamoah", "Acheampong", "Ofori", "Sarpong", "Frimpong", "Badu",
};

/* Romanian */
static const char *const ro_girl[] = {
	"Maria", "Ioana", "Sofia", "Elena", "Ana", "Bianca", "Ștefania", "Daria", "Alesia",
	"Eva", "Mara", "Antonia",
};
static const char *const ro_boy[] = {
	"David", "Luca", "Matei", "Andrei", "Alexandru", "Ștefan", "Mihai", "Darius", "Tudor",
	"Gabriel", "Rareș", "Eric",
};
static const char *const ro_woman[] = {
	"Maria", "Elena", "Ioana", "Andreea", "Alexandra", "Gabriela", "Mihaela", "Cristina",
	"Daniela", "Denisa", "Larisa", "Florentina",
};
static const char *const ro_man[] = {
	"Andrei", "Alexandru", "Ionuț", "Mihai", "Ștefan", "Gabriel", "Florin", "Cristian",
	"Vlad", "Răzvan", "Marius", "Constantin",
};
static const char *const ro_surname[] = {
	"Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Stoica", "Gheorghe", "Munteanu",
	"Rusu", "Constantin", "Matei", "Lungu", "Ciobanu", "Dinu", "Moldovan", "Tănase",
	"Bălan",
};

/* Portuguese (many from Madeira) */
static const char *const pt_girl[] = {
	"Maria", "Beatriz", "Leonor", "Matilde", "Inês", "Carolina", "Mariana", "Sofia",
	"Francisca", "Lara", "Alice", "Benedita",
};
static const char *const pt_boy[] = {
	"João", "Tiago", "Rodrigo", "Francisco", "Afonso", "Santiago", "Tomás", "Duarte",
	"Martim", "Gonçalo", "Gabriel", "Lourenço",
};
static const char *const pt_woman[] = {
	"Ana", "Joana", "Sónia", "Patrícia", "Conceição", "Rita", "Marta", "Cláudia",
	"Susana", "Sandra", "Vânia", "Liliana",
};
static const char *const pt_man[] = {
	"João", "Pedro", "Miguel", "Rui", "Nuno", "Paulo", "Ricardo", "Sérgio", "Hugo",
	"Bruno", "Luís", "Vítor",
};
static const char *const pt_surname[] = {
	"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
	"Martins", "Jesus", "Sousa", "Fernandes", "Gonçalves", "Gomes", "Freitas", "Abreu",
	"Nóbrega",
};

/* Black Caribbean */
static const char *const cb_girl[] = {
	"Amara", "Nia", "Zuri", "Kiara", "Maya", "Aaliyah", "Imani", "Zara", "Jada", "Tiana",
	"Amani", "Serenity",
};
static const char *const cb_boy[] = {
	"Malachi", "Elijah", "Josiah", "Isaiah", "Jayden", "Kai", "Micah", "Zion", "Tyler",
	"Reuben", "Nathaniel", "Ezra",
};
static const char *const cb_woman[] = {
	"Shanice", "Tanisha", "Keisha", "Marcia", "Simone", "Nadine", "Tamika", "Latoya",
	"Kerry-Ann", "Chantelle", "Shereen", "Jodi-Ann", "Natasha", "Sharlene",
};
static const char *const cb_man[] = {
	"Marlon", "Dwayne", "Leroy", "Delroy", "Jermaine", "Tyrone", "Andre", "Winston",
	"Kareem", "Devon", "Jerome", "Ricardo", "Damion", "Kemar",
};
static const char *const cb_surname[] = {
	"Campbell", "Brown", "Williams", "Thomas", "Francis", "Clarke", "Grant", "Edwards",
	"Bailey", "Reid", "Morgan", "Henry", "Gayle", "Baptiste", "Richards", "Powell",
	"McKenzie", "Forbes",
};

/* Chinese (Hong Kong and mainland) */
static const char *const zh_girl[] = {
	"Yuxin", "Zihan", "Jiayi", "Xinyi", "Yutong", "Ruoxi", "Chloe", "Hoi Yan", "Wing Sze",
	"Ka Yan", "Emily", "Yan Ting",
};
static const char *const zh_boy[] = {
	"Zihao", "Haoran", "Yuchen", "Jiahao", "Junjie", "Minghao", "Yifan", "Chun Kit",
	"Ka Ho", "Ethan", "Lucas", "Tsz Hin",
};
static const char *const zh_woman[] = {
	"Meiling", "Xiaoyu", "Wenjing", "Lihua", "Huiying", "Shuting", "Mei", "Lai Ying",
	"Siu Man", "Wai Ling", "Ying", "Jing",
};
static const char *const zh_man[] = {
	"Wei", "Hao", "Jun", "Yang", "Lei", "Jian", "Kwok Wai", "Chi Keung", "Ming", "Tao",
	"Kin Wah", "Bo",
};
static const char *const zh_surname[] = {
	"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lam",
	"Chan", "Wong", "Cheung", "Ng", "Lin",
};

/*
 * Shares are for an average LSOA of an inner-London borough; `tilt`
 * moves a community toward deprived (1) or affluent (-1) LSOAs. Ethnicity
 * uses the DfE extended codes where the school census has one for the
 * community (BSOM Somali, BNGN Nigerian, WEEU White Eastern European),
 * else the main code.
 */
const struct demo_community demo_communities[] = {
	{ "english", "WBRI", NULL, 0, "en", NULL, 0,
	  NAMES(en_girl), NAMES(en_boy), NAMES(en_woman), NAMES(en_man), NAMES(en_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 520, -1, 110, 20, 0, 0 },
	{ "irish", "WIRI", "WIRT", 12, "en", "ga", 5,
	  NAMES(ie_girl), NAMES(ie_boy), NAMES(ie_woman), NAMES(ie_man), NAMES(ie_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 25, 0, 100, 20, 0, 0 },
	{ "bengali", "ABAN", NULL, 0, "bn", "ar", 8,
	  NAMES(bn_girl), NAMES(bn_boy), NAMES(bn_woman), NAMES(bn_man), NAMES(bn_surname),
	  NAMES(bn_script_female), NAMES(bn_script_male), NAMES(bn_script_surname), 5,
	  150, 1, 45, 30, 0, 1 },
	{ "arabic", "OARA", "OMRC", 25, "ar", "fr", 20,
	  NAMES(ar_girl), NAMES(ar_boy), NAMES(ar_woman), NAMES(ar_man), NAMES(ar_surname),
	  NAMES(ar_script_female), NAMES(ar_script_male), NAMES(ar_script_surname), 8,
	  50, 1, 70, 80, 0, 0 },
	{ "somali", "BSOM", NULL, 0, "so", "ar", 25,
	  NAMES(so_girl), NAMES(so_boy), NAMES(so_woman), NAMES(so_man), NAMES(so_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 55, 1, 140, 95, 0, 0 },
	{ "polish", "WEEU", NULL, 0, "pl", NULL, 0,
	  NAMES(pl_girl), NAMES(pl_boy), NAMES(pl_woman), NAMES(pl_man), NAMES(pl_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 45, 0, 70, 10, 1, 0 },
	{ "turkish", "WTUR", "OKRD", 10, "tr", "ku", 15,
	  NAMES(tr_girl), NAMES(tr_boy), NAMES(tr_woman), NAMES(tr_man), NAMES(tr_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 45, 1, 60, 15, 0, 0 },
	{ "yoruba", "BNGN", NULL, 0, "yo", NULL, 0,
	  NAMES(yo_girl), NAMES(yo_boy), NAMES(yo_woman), NAMES(yo_man), NAMES(yo_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 35, 1, 110, 15, 0, 0 },
	{ "igbo", "BNGN", NULL, 0, "ig", NULL, 0,
	  NAMES(ig_girl), NAMES(ig_boy), NAMES(ig_woman), NAMES(ig_man), NAMES(ig_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 25, 1, 100, 15, 0, 0 },
	{ "akan", "BGHA", NULL, 0, "ak", NULL, 0,
	  NAMES(ak_girl), NAMES(ak_boy), NAMES(ak_woman), NAMES(ak_man), NAMES(ak_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 25, 1, 110, 20, 0, 0 },
	{ "romanian", "WEEU", "WROM", 15, "ro", NULL, 0,
	  NAMES(ro_girl), NAMES(ro_boy), NAMES(ro_woman), NAMES(ro_man), NAMES(ro_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 35, 1, 70, 10, 0, 0 },
	{ "portuguese", "WPOR", NULL, 0, "pt", NULL, 0,
	  NAMES(pt_girl), NAMES(pt_boy), NAMES(pt_woman), NAMES(pt_man), NAMES(pt_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 35, 0, 90, 15, 0, 0 },
	{ "caribbean", "BCRB", NULL, 0, "en", NULL, 0,
	  NAMES(cb_girl), NAMES(cb_boy), NAMES(cb_woman), NAMES(cb_man), NAMES(cb_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 70, 1, 190, 35, 0, 0 },
	{ "chinese", "CHNE", NULL, 0, "zh", NULL, 0,
	  NAMES(zh_girl), NAMES(zh_boy), NAMES(zh_woman), NAMES(zh_man), NAMES(zh_surname),
	  NO_NAMES, NO_NAMES, NO_NAMES, 0, 30, -1, 45, 60, 0, 0 },
};
const size_t demo_ncommunities = ARRAY_LEN(demo_communities);

void demo_surname_feminine(const char *surname, struct buf *out)
{
	size_t n = strlen(surname);

	if (n > 3 && (!strcmp(surname + n - 3, "ski") || !strcmp(surname + n - 3, "cki"))) {
		buf_add(out, surname, n - 1);
		buf_addch(out, 'a');
		return;
	}
	buf_adds(out, surname);
}

/* names clerks spell in more than one way; each row is one family of spellings */
static const char *const variants[][5] = {
	{ "Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed" },
	{ "Mohamed", "Mohammed", "Mohamud", "Maxamed", NULL },
	{ "Muhammad", "Mohammed", "Muhammed", NULL, NULL },
	{ "Ahmed", "Ahmad", "Ahmet", NULL, NULL },
	{ "Begum", "Begom", "Begun", NULL, NULL },
	{ "Khatun", "Khatoon", "Katun", NULL, NULL },
	{ "Fatima", "Fatimah", "Fatema", "Fathima", NULL },
	{ "Aisha", "Ayesha", "Aysha", NULL, NULL },
	{ "Ayesha", "Aisha", "Ayesa", NULL, NULL },
	{ "Hussain", "Hussein", "Husain", "Hossain", NULL },
	{ "Hossain", "Hussain", "Hosain", NULL, NULL },
	{ "Chowdhury", "Choudhury", "Chowdhary", NULL, NULL },
	{ "Choudhury", "Chowdhury", NULL, NULL, NULL },
	{ "Miah", "Mia", "Meah", NULL, NULL },
	{ "Uddin", "Udin", "Uddein", NULL, NULL },
	{ "Yusuf", "Yousef", "Youssef", "Yussuf", NULL },
	{ "Youssef", "Yusuf", "Yousef", NULL, NULL },
	{ "Maryam", "Mariam", "Maryem", NULL, NULL },
	{ "Zainab", "Zaynab", "Zeinab", NULL, NULL },
	{ "Ibrahim", "Ebrahim", "Ibraheem", NULL, NULL },
	{ "Omar", "Umar", "Omer", NULL, NULL },
	{ "Hassan", "Hasan", "Xasan", NULL, NULL },
	{ "Hamza", "Hamzah", NULL, NULL, NULL },
	{ "Khadija", "Khadijah", "Khadeeja", NULL, NULL },
	{ "Abdirahman", "Abdulrahman", "Abdi Rahman", NULL, NULL },
	{ "Faduma", "Fadumo", "Fatuma", NULL, NULL },
	{ "Sara", "Sarah", NULL, NULL, NULL },
	{ "Sarah", "Sara", NULL, NULL, NULL },
	{ "Hannah", "Hanna", "Hana", NULL, NULL },
	{ "Hana", "Hanna", "Hannah", NULL, NULL },
	{ "Zara", "Zarah", "Zahra", NULL, NULL },
	{ "Sophie", "Sophia", "Sofie", NULL, NULL },
	{ "Sophia", "Sofia", NULL, NULL, NULL },
	{ "Sofia", "Sophia", NULL, NULL, NULL },
	{ "Isla", "Islay", NULL, NULL, NULL },
	{ "Freddie", "Freddy", NULL, NULL, NULL },
	{ "Alfie", "Alfy", NULL, NULL, NULL },
	{ "Jayden", "Jaydon", "Jaiden", NULL, NULL },
	{ "Aaliyah", "Aliyah", "Aaliya", NULL, NULL },
	{ "Katarzyna", "Katarzina", "Katherine", NULL, NULL },
	{ "Jakub", "Jacob", "Kuba", NULL, NULL },
	{ "Aleksandra", "Alexandra", NULL, NULL, NULL },
	{ "Aleksander", "Alexander", NULL, NULL, NULL },
	{ "Oluwaseun", "Seun", "Oluwaseyi", NULL, NULL },
	{ "Chukwuemeka", "Emeka", NULL, NULL, NULL },
	{ "Kwame", "Kwami", NULL, NULL, NULL },
	{ "Kerry-Ann", "Kerryann", "Kerry Ann", NULL, NULL },
	{ "Jodi-Ann", "Jodiann", "Jodi Ann", NULL, NULL },
	{ "Siobhan", "Shivaun", "Siobhán", NULL, NULL },
	{ "Seán", "Sean", "Shaun", NULL, NULL },
	{ "McCarthy", "MacCarthy", "Mccarthy", NULL, NULL },
	{ "McKenzie", "Mackenzie", "Mckenzie", NULL, NULL },
	{ "O'Brien", "OBrien", "O Brien", NULL, NULL },
	{ "O'Sullivan", "OSullivan", "O Sullivan", NULL, NULL },
	{ "O'Connor", "OConnor", "O Connor", NULL, NULL },
};

/* Latin letters with diacritics and what they become on an English keyboard */
static const char *const folds[][2] = {
	{ "ł", "l" }, { "Ł", "L" }, { "ą", "a" }, { "ę", "e" }, { "ś", "s" }, { "Ś", "S" },
	{ "ź", "z" }, { "ż", "z" }, { "ć", "c" }, { "ń", "n" }, { "ó", "o" }, { "ş", "s" },
	{ "Ş", "S" }, { "ı", "i" }, { "İ", "I" }, { "ğ", "g" }, { "ç", "c" }, { "Ç", "C" },
	{ "ö", "o" }, { "Ö", "O" }, { "ü", "u" }, { "Ü", "U" }, { "ã", "a" }, { "é", "e" },
	{ "É", "E" }, { "í", "i" }, { "á", "a" }, { "ú", "u" }, { "ó", "o" }, { "ê", "e" },
	{ "ô", "o" }, { "õ", "o" }, { "â", "a" }, { "î", "i" }, { "ă", "a" }, { "ș", "s" },
	{ "Ș", "S" }, { "ț", "t" }, { "Ț", "T" }, { "ñ", "n" },
};

/* drop diacritics; 0 if anything changed */
static int fold(const char *s, struct buf *out)
{
	size_t start = out->len;
	int changed = 0;

	while (*s) {
		size_t i;

		for (i = 0; i < ARRAY_LEN(folds); i++) {
			size_t n = strlen(folds[i][0]);
			if (!strncmp(s, folds[i][0], n)) {
				buf_adds(out, folds[i][1]);
				s += n;
				changed = 1;
				break;
			}
		}
		if (i == ARRAY_LEN(folds))
			buf_addch(out, *s++);
	}
	if (!changed)
		buf_setlen(out, start);
	return changed ? 0 : -1;
}

static int is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* a typing slip on a plain ASCII name: a doubled letter undone, or an 'h' added or dropped */
static int slip(const char *s, struct buf *out)
{
	size_t n = strlen(s);

	if (n < 4)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!is_ascii_letter(s[i]))
			return -1;
	for (size_t i = 1; i + 1 < n; i++) {
		if (s[i] == s[i + 1]) {
			buf_add(out, s, i);
			buf_adds(out, s + i + 1);
			return 0;
		}
	}
	if (s[n - 1] == 'h') {
		buf_add(out, s, n - 1);
		return 0;
	}
	if (s[n - 1] == 'a' && s[n - 2] != 'k') {
		buf_adds(out, s);
		buf_addch(out, 'h');
		return 0;
	}
	if (s[n - 2] == 'i' && s[n - 1] == 'e') {
		buf_add(out, s, n - 2);
		buf_addch(out, 'y');
		return 0;
	}
	if (s[n - 1] == 'y') {
		buf_add(out, s, n - 1);
		buf_adds(out, "ie");
		return 0;
	}
	if (s[n - 1] == 'n' || s[n - 1] == 'l' || s[n - 1] == 't') {
		buf_adds(out, s);
		buf_addch(out, s[n - 1]);
		return 0;
	}
	return -1;
}

int demo_name_variant(const char *name, unsigned pick, struct buf *out)
{
	for (size_t i = 0; i < ARRAY_LEN(variants); i++) {
		if (!strcmp(variants[i][0], name)) {
			size_t k = 1;
			while (k < 5 && variants[i][k])
				k++;
			buf_adds(out, variants[i][1 + pick % (k - 1)]);
			return 0;
		}
	}
	if (!fold(name, out))
		return 0;
	return slip(name, out);
}
