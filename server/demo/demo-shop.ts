/** The made-up shop the demo traffic comes from: its products, pages, and the people who visit it. */
export interface DemoProduct {
  product_id: string;
  sku: string;
  name: string;
  category: string;
  brand: string;
  price: number;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    product_id: "p-1001",
    sku: "TR-RUN-42",
    name: "Trail Runner Shoes",
    category: "Footwear",
    brand: "Northpeak",
    price: 119,
  },
  {
    product_id: "p-1002",
    sku: "TR-RUN-38",
    name: "Road Racer Shoes",
    category: "Footwear",
    brand: "Northpeak",
    price: 139,
  },
  {
    product_id: "p-1003",
    sku: "JK-RAIN-M",
    name: "Packable Rain Jacket",
    category: "Outerwear",
    brand: "Fjordline",
    price: 89.5,
  },
  { product_id: "p-1004", sku: "JK-DOWN-L", name: "Down Parka", category: "Outerwear", brand: "Fjordline", price: 249 },
  { product_id: "p-1005", sku: "BP-DAY-20", name: "Daypack 20L", category: "Bags", brand: "Summit & Co", price: 64 },
  {
    product_id: "p-1006",
    sku: "BP-TRK-45",
    name: "Trekking Pack 45L",
    category: "Bags",
    brand: "Summit & Co",
    price: 179,
  },
  {
    product_id: "p-1007",
    sku: "SK-MER-3P",
    name: "Merino Socks (3 pack)",
    category: "Accessories",
    brand: "Woolly",
    price: 24,
  },
  {
    product_id: "p-1008",
    sku: "CP-TRK-01",
    name: "Trucker Cap",
    category: "Accessories",
    brand: "Woolly",
    price: 19.9,
  },
  { product_id: "p-1009", sku: "BT-STL-75", name: "Steel Bottle 750ml", category: "Gear", brand: "Hydrate", price: 29 },
  { product_id: "p-1010", sku: "HL-LED-300", name: "Headlamp 300lm", category: "Gear", brand: "Lumen", price: 39.95 },
  {
    product_id: "p-1011",
    sku: "TN-UL-2P",
    name: "Ultralight Tent (2p)",
    category: "Camping",
    brand: "Summit & Co",
    price: 329,
  },
  {
    product_id: "p-1012",
    sku: "SB-SYN-M5",
    name: "Synthetic Sleeping Bag",
    category: "Camping",
    brand: "Fjordline",
    price: 149,
  },
  { product_id: "p-1013", sku: "TS-TEC-M", name: "Tech T-Shirt", category: "Apparel", brand: "Northpeak", price: 34 },
  {
    product_id: "p-1014",
    sku: "PT-HIK-32",
    name: "Hiking Trousers",
    category: "Apparel",
    brand: "Northpeak",
    price: 79,
  },
  {
    product_id: "p-1015",
    sku: "GL-TCH-M",
    name: "Touchscreen Gloves",
    category: "Accessories",
    brand: "Woolly",
    price: 27.5,
  },
];

export const DEMO_PAGES = [
  { name: "Home", path: "/", title: "Northpeak Outdoor — Gear for every trail" },
  { name: "Category", path: "/c/footwear", title: "Footwear — Northpeak Outdoor" },
  { name: "Category", path: "/c/outerwear", title: "Outerwear — Northpeak Outdoor" },
  { name: "Category", path: "/c/camping", title: "Camping — Northpeak Outdoor" },
  { name: "Blog", path: "/blog/layering-101", title: "Layering 101 — Northpeak Journal" },
  { name: "Pricing", path: "/membership", title: "Membership — Northpeak Outdoor" },
] as const;

export const DEMO_SITE = "https://shop.example.com";

export const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloé",
  "Diego",
  "Elif",
  "Femi",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kavya",
  "Liam",
  "Maja",
  "Noah",
  "Olga",
  "Pablo",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Xavi",
  "Yara",
  "Zoe",
  "Lukas",
  "Amara",
  "Mateo",
  "Sofia",
  "Arjun",
  "Freya",
  "Leon",
  "Mila",
  "Oscar",
  "Nora",
] as const;

export const LAST_NAMES = [
  "Andersen",
  "Brennan",
  "Costa",
  "Dubois",
  "Eriksen",
  "Fischer",
  "García",
  "Hansen",
  "Ibrahim",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Müller",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quintero",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Usman",
  "Varga",
  "Weber",
  "Yilmaz",
  "Zhang",
  "Novak",
  "Moreau",
  "Silva",
] as const;

export const CITIES = [
  "Berlin",
  "Lisbon",
  "Oslo",
  "Lyon",
  "Madrid",
  "Kraków",
  "Dublin",
  "Vienna",
  "Milan",
  "Rotterdam",
] as const;

export const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
] as const;

export const CAMPAIGNS = [
  { name: "spring_sale", source: "newsletter", medium: "email" },
  { name: "trail_season", source: "google", medium: "cpc" },
  { name: "ugc_reels", source: "instagram", medium: "social" },
] as const;

export const REFERRERS = [
  "https://www.google.com/",
  "https://duckduckgo.com/",
  "https://www.instagram.com/",
  "",
] as const;
