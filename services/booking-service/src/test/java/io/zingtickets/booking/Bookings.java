package io.zingtickets.booking;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requests the tests send, with a valid card unless told otherwise. */
final class Bookings {

    static final String VISA = "4242424242424242";
    static final String DECLINED = "4000000000000002";

    private Bookings() {
    }

    static String body(long eventId, int seats, String email, String cardNumber) {
        return """
                {"eventId":%d,"seats":%d,"buyerEmail":"%s","card":{"number":"%s","expiry":"12/30","cvc":"737"}}"""
                .formatted(eventId, seats, email, cardNumber);
    }

    static ValidatableResponse book(long eventId, int seats) {
        return given().contentType(ContentType.JSON).body(body(eventId, seats, "ada@example.com", VISA))
                .post("/bookings").then();
    }

    static int seatsLeft(long eventId) {
        return given().get("/events/" + eventId).then().statusCode(200).extract().path("seatsLeft");
    }
}
